namespace PublicWorkflow.OneStop.Persistence.Entities;

/// <summary>
/// A citizen's account on the portal, apart from staff accounts: signed up with an e-mail address or phone number and a
/// password (verified by a code sent there), or through the national identity provider; bound to a personal ID number
/// only once that provider vouched for it. Personal data: read by its owner and by nobody on the public side.
/// </summary>
public sealed class CitizenAccountRecord : Accounts.ILockableAccount
{
    public Guid Id { get; set; }
    /// <summary>Lower-case; unique when set.</summary>
    public string? Email { get; set; }
    /// <summary>Digits only, e.g. 0912345678; unique when set.</summary>
    public string? Phone { get; set; }
    /// <summary>Null for an account that only signs in through the identity provider.</summary>
    public string? PasswordHash { get; set; }
    public required string FullName { get; set; }
    /// <summary>When the e-mail or phone the account signed up with answered its code; no password sign-in before.</summary>
    public DateTime? ContactVerifiedAt { get; set; }
    /// <summary>The personal ID number the identity provider vouched for; unique; never typed in by the citizen.</summary>
    public string? PersonalId { get; set; }
    public DateTime? PersonalIdVerifiedAt { get; set; }
    /// <summary>The identity provider's issuer and subject, once the account signed in through it.</summary>
    public string? ExternalIssuer { get; set; }
    public string? ExternalSubject { get; set; }
    /// <summary>vi or en: the portal and the messages.</summary>
    public required string Language { get; set; }
    public int FailedSignIns { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool Active { get; set; } = true;

    /// <summary>The name its sessions are opened under (the session table is shared with staff, whose names have no colon).</summary>
    public string SessionName => SessionPrefix + Id.ToString("N");

    public const string SessionPrefix = "citizen:";
}

/// <summary>
/// A one-time code sent to a citizen's e-mail or phone: to verify the contact, or to reset the password. Only its hash is
/// kept; it expires, allows a few attempts, and is used once.
/// </summary>
public sealed class CitizenCodeRecord
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    /// <summary>verify or reset.</summary>
    public required string Purpose { get; set; }
    /// <summary>SHA-256 of the code and the row id, hex.</summary>
    public required string CodeHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? UsedAt { get; set; }
}

/// <summary>
/// A member of staff read an applicant's personal data: which dossier (or which personal ID number's data store), who,
/// when and how. Written by the read itself, so the log cannot miss a view the API served.
/// </summary>
public sealed class PersonalDataAccessRecord
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    /// <summary>view-dossier, view-paper, view-messages, view-files, data-store…</summary>
    public required string Action { get; set; }
    public Guid? DossierId { get; set; }
    /// <summary>For a look-up by person rather than dossier: the personal ID number looked up.</summary>
    public string? PersonalId { get; set; }
}
