namespace PublicWorkflow.OneStop.Persistence.Entities;

/// <summary>
/// A member of staff who signs in: a reform officer, a clerk, a team lead, the supervisor or an administrator. A clerk
/// and a team lead work for one agency (at its level) or at one branch; their job roles (reception-clerk, specialist…)
/// are the candidate roles of the steps they may take.
/// </summary>
public sealed class StaffUserRecord : Accounts.ILockableAccount
{
    public Guid Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    /// <summary>A salted, iterated hash (ASP.NET Core Identity's password hasher); never the password.</summary>
    public required string PasswordHash { get; set; }
    public required string Role { get; set; }
    public string? AgencyCode { get; set; }
    public string? Level { get; set; }
    public string? BranchCode { get; set; }
    /// <summary>Comma-separated candidate roles, e.g. "specialist,agency-leader".</summary>
    public string JobRoles { get; set; } = "";
    public bool Active { get; set; } = true;
    /// <summary>Wrong passwords in a row; reset by a successful sign-in.</summary>
    public int FailedSignIns { get; set; }
    /// <summary>Sign-in is refused until then, after too many wrong passwords.</summary>
    public DateTime? LockedUntil { get; set; }
    public DateTime? PasswordChangedAt { get; set; }
    public DateTime CreatedAt { get; set; }
}
