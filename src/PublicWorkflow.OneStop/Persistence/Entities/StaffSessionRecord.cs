namespace PublicWorkflow.OneStop.Persistence.Entities;

/// <summary>
/// One sign-in of a member of staff: its id is carried in the cookie or token it issued. Signing out revokes this one;
/// changing the password revokes them all. A cookie or token whose session is revoked, expired or unknown is refused.
/// </summary>
public sealed class StaffSessionRecord
{
    /// <summary>Random, 128 bits as hex.</summary>
    public required string Id { get; set; }
    public required string UserName { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
