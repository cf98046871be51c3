namespace PublicWorkflow.OneStop.Persistence.Entities;

/// <summary>
/// A message to the applicant or to an agency, queued by a service handler. A delivery gateway (SMS, e-mail,
/// the national portal) takes rows with no SentAt; the queue is durable so no notice is lost.
/// </summary>
public sealed class NotificationRecord
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }

    /// <summary>"applicant" or "agency".</summary>
    public required string Recipient { get; set; }

    /// <summary>What to say, e.g. supplement-request, result-ready, agency-overdue.</summary>
    public required string Template { get; set; }

    public required string ActivityId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}
