namespace PublicWorkflow.OneStop.Persistence.Entities;

/// <summary>
/// A feedback or recommendation (phản ánh, kiến nghị) to the Customer Support and Care hub, from any channel, handled as
/// a case of the hub's workflow. The contact fields are personal data: staff side only, never published.
/// </summary>
public sealed class FeedbackRecord
{
    public Guid Id { get; set; }
    /// <summary>PA-yymmdd-NNNN: the public tracking code, given with the secret at intake.</summary>
    public required string Code { get; set; }
    /// <summary>The random secret the submitter got with the code (compared in constant time, like a dossier's lookup key).</summary>
    public required string Secret { get; set; }
    public Guid? CaseId { get; set; }
    /// <summary>web, portal, hotline, counter, partner.</summary>
    public required string Channel { get; set; }
    /// <summary>The partner system (e.g. ihanoi) and its own item id: one item per pair.</summary>
    public string? PartnerId { get; set; }
    public string? PartnerItemId { get; set; }
    public required string Subject { get; set; }
    public required string Text { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public Guid? CitizenAccountId { get; set; }
    /// <summary>The dossier it is about, when the submitter proved it with the dossier's code and lookup key.</summary>
    public Guid? DossierId { get; set; }
    public string? DossierCode { get; set; }
    /// <summary>procedure, dossier, conduct, policy, other: set at classification.</summary>
    public string? Category { get; set; }
    /// <summary>The agency it is routed to (the dossier's agency when a dossier is named).</summary>
    public string? AgencyCode { get; set; }
    /// <summary>received, more-info, routed, answered, approved, published, refused.</summary>
    public required string Status { get; set; }
    public DateTime ReceivedAt { get; set; }
    public required string ReceivedBy { get; set; }
    /// <summary>SHA-256 of the submitter's address and the text: a repeat within the window is merged, not a new item.</summary>
    public string? DuplicateKey { get; set; }
    public int Repeats { get; set; }
    public string? RefusalReason { get; set; }
    public string? MoreInfoRequest { get; set; }
    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? ApprovedBy { get; set; }
    /// <summary>The question as published, written by the hub without personal data.</summary>
    public string? PublishedQuestion { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>When the current stage is due (classification, answer, publication) on the working-day calendar.</summary>
    public DateTime? DueAt { get; set; }
    public DateTime? WarnAt { get; set; }
    public DateTime? WarnedAt { get; set; }
    /// <summary>When a stage first went overdue and the supervisor was alerted; kept for the record.</summary>
    public DateTime? EscalatedAt { get; set; }
    /// <summary>The stage now open has been escalated (reset when the next stage opens).</summary>
    public bool StageEscalated { get; set; }
    /// <summary>Handled late at any stage (counted once it closes).</summary>
    public bool Late { get; set; }
    /// <summary>The submitter's satisfaction with the answer: 1 to 5.</summary>
    public int? Satisfaction { get; set; }
    public DateTime? SatisfactionAt { get; set; }
    /// <summary>An attachment kept in the document store.</summary>
    public string? AttachmentSha256 { get; set; }
    public string? AttachmentName { get; set; }
    public string? AttachmentType { get; set; }
    public int Revision { get; set; }
}

/// <summary>The answer to the satisfaction survey of a returned dossier: one per dossier.</summary>
public sealed class SurveyAnswerRecord
{
    public Guid Id { get; set; }
    public Guid DossierId { get; set; }
    public DateTime AnsweredAt { get; set; }
    /// <summary>Question id → score 1..5, as JSON.</summary>
    public required string AnswersJson { get; set; }
    /// <summary>The mean score, for the indicators.</summary>
    public decimal Score { get; set; }
    public string? Comment { get; set; }
}
