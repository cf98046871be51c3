using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.Runtime.Definitions;

namespace PublicWorkflow.OneStop.Staff;

/// <summary>The center's staff accounts as the runtime's assignee directory: a step may only be given to an active account.</summary>
internal sealed class StaffDirectory(OneStopDbContext db) : IAssigneeDirectory
{
    public async Task<IReadOnlyCollection<string>> ActiveAmongAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        await db.StaffUsers.AsNoTracking().Where(u => u.Active && names.Contains(u.UserName)).Select(u => u.UserName).ToListAsync(cancellationToken);
}
