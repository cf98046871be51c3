namespace PublicWorkflow.OneStop.Persistence.Entities;

/// <summary>
/// A message to an applicant, written by the command that caused it (reception, a supplement request, an apology, a
/// result) in that command's transaction, rendered in the applicant's language, and delivered later by the
/// dispatcher through its channel with retries. Its status says whether it arrived at the gateway.
/// </summary>
public sealed class MessageRecord
{
    public Guid Id { get; set; }
    /// <summary>The dossier it is about; null for a message about a citizen account (a verification or reset code).</summary>
    public Guid? DossierId { get; set; }
    /// <summary>The citizen account it is about, for account messages.</summary>
    public Guid? CitizenAccountId { get; set; }
    /// <summary>What happened, once per occurrence: reception, supplement-1, apology, result…; unique per dossier and channel.</summary>
    public required string Event { get; set; }
    /// <summary>email or sms.</summary>
    public required string Channel { get; set; }
    /// <summary>The applicant's e-mail address or phone number: personal data, staff side only.</summary>
    public required string Address { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>pending, sent, or failed (after the last retry, or with no gateway configured).</summary>
    public required string Status { get; set; }
    /// <summary>Delivery attempts so far; also the row's concurrency token, so of two dispatchers one claims an attempt.</summary>
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTime? SentAt { get; set; }
}
