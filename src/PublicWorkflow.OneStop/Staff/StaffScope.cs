using PublicWorkflow.Runtime.Cases;

namespace PublicWorkflow.OneStop.Staff;

/// <summary>
/// What a member of staff may see and take: the records of their agency or their branch (everything when
/// <paramref name="SeesAll"/>, the supervisor), steps of their job roles.
/// </summary>
public sealed record StaffScope(string UserName, string? AgencyCode, string? BranchCode, bool SeesAll, IReadOnlyCollection<string> JobRoles)
{
    /// <summary>A clerk or team lead works on what belongs to their agency or their branch.</summary>
    public bool WorksFor(string? agencyOrBranch) =>
        SeesAll || (agencyOrBranch is not null && (agencyOrBranch == AgencyCode || agencyOrBranch == BranchCode));

    /// <summary>The task inbox of this person: their agency's and branch's steps of their roles, or everyone's.</summary>
    public InboxOwner Inbox => new(UserName, SeesAll ? null : new[] { AgencyCode, BranchCode }.OfType<string>().ToList(), JobRoles);
}
