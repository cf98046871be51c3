using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime.Definitions;

namespace PublicWorkflow.OneStop.Staff;

/// <summary>
/// The center's staff accounts as the runtime's assignee directory (a step may only be given to an active account), and
/// who a step of an agency or branch can be handed to.
/// </summary>
public sealed class StaffDirectory(OneStopDbContext db) : IAssigneeDirectory
{
    /// <summary>The active members of an agency or branch holding one of <paramref name="roles"/>.</summary>
    public async Task<List<StaffUserRecord>> AssignableAsync(string? group, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        if (group is null)
        {
            return []; // a step of no agency or branch is nobody's to be handed
        }
        var wanted = roles.ToList();
        return await db.StaffUsers.AsNoTracking().Where(u => u.Active && (u.AgencyCode == group || u.BranchCode == group) && wanted.Contains(u.Role))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyCollection<string>> ActiveAmongAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        await db.StaffUsers.AsNoTracking().Where(u => u.Active && names.Contains(u.UserName)).Select(u => u.UserName).ToListAsync(cancellationToken);
}
