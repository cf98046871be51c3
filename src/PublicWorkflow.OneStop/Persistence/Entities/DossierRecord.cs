namespace PublicWorkflow.OneStop.Persistence.Entities;

public enum DossierChannel
{
    Counter,
    Online,
    Post,
}

public enum DossierOutcome
{
    Granted,
    Refused,
}

/// <summary>
/// A dossier (hồ sơ) filed by a citizen: reception, routing, the clock, the result and the rating. The steps run as
/// the case <see cref="CaseId"/>; a dossier that was not accepted has no case. Applicant details are personal data and
/// stay inside the staff side.
/// </summary>
public sealed class DossierRecord
{
    public Guid Id { get; set; }
    public Guid? CaseId { get; set; }
    /// <summary>AGENCYCODE-YYMMDD-NNNN, given when the dossier is accepted.</summary>
    public string? Code { get; set; }
    /// <summary>
    /// The random secret printed on the citizen's receipt beside the code: public tracking and rating need both, so a
    /// guessed or sequential code reveals nothing.
    /// </summary>
    public string? LookupKey { get; set; }
    public required string ProcedureCode { get; set; }
    public Dossiers.DossierStatus Status { get; set; }
    public DossierChannel Channel { get; set; }
    public string? BranchCode { get; set; }
    /// <summary>The ward or commune the procedure's competence names (the plot, the new residence…), which routes locally resolved procedures.</summary>
    public string? Locality { get; set; }
    public string? AgencyCode { get; set; }
    public string? Level { get; set; }
    public DateTime ReceivedAt { get; set; }
    public required string ReceivedBy { get; set; }

    /// <summary>When a clerk entered a paper dossier received earlier (back-office entry); null when entered on receipt.</summary>
    public DateTime? ReceiptEnteredAt { get; set; }
    /// <summary>The time limit that applied on the day of receipt, e.g. "7 workingDays".</summary>
    public string? TimeLimit { get; set; }
    public DateTime? AppointmentAt { get; set; }
    public DateTime? OriginalAppointmentAt { get; set; }
    public DateTime? ClockPausedAt { get; set; }
    public DateTime? ApologizedAt { get; set; }
    public string? ApologyReason { get; set; }
    public DateTime? AppointmentBeforeApology { get; set; }
    public required string ApplicantJson { get; set; }
    /// <summary>The applicant's personal ID number, kept apart to find their data store ("ask only once"); personal data, staff side only.</summary>
    public string? ApplicantIdNumber { get; set; }
    /// <summary>The citizen account that filed it on the portal: only that account reads it on the citizen's side.</summary>
    public Guid? CitizenAccountId { get; set; }
    /// <summary>The documents presented, and which were taken from a national database.</summary>
    public required string DocumentsJson { get; set; }
    /// <summary>What the applicant was last asked to supply (at reception or during processing).</summary>
    public string? MissingJson { get; set; }
    /// <summary>The ids of the procedure's documents among <see cref="MissingJson"/>: the part the public tracking page may show (free text may hold personal data).</summary>
    public string? MissingDocumentsJson { get; set; }
    public DateTime? SupplementRequestedAt { get; set; }
    /// <summary>Supplement requests during processing: one complete request is the rule, a second counts as late.</summary>
    public int SupplementRequests { get; set; }
    /// <summary>How many requests are allowed: 1, and one more for each supervisor's override.</summary>
    public int SupplementRequestsAllowed { get; set; } = 1;
    public string? SupplementOverrideReason { get; set; }
    public string? SupplementOverrideBy { get; set; }
    public int DocumentsRequired { get; set; }
    public int DocumentsReused { get; set; }
    public bool Digitized { get; set; }
    public required string Delivery { get; set; }
    public decimal? FeeAmount { get; set; }
    public DateTime? FeePaidAt { get; set; }
    public string? PaymentChannel { get; set; }
    /// <summary>The payment gateway's transaction reference for an online payment.</summary>
    public string? PaymentReference { get; set; }
    public DossierOutcome? Outcome { get; set; }
    /// <summary>Who completed the decide step: the signer of the electronic result.</summary>
    public string? DecidedBy { get; set; }
    /// <summary>Granted, its electronic result not issued yet: the short work list the sweep reads (indexed), not every granted dossier.</summary>
    public bool ResultDue { get; set; }
    public string? RefusalReasons { get; set; }
    public string? StopReason { get; set; }
    /// <summary>When the applicant asked to withdraw (status 7); the agency's stop (status 8) follows.</summary>
    public DateTime? WithdrawalRequestedAt { get; set; }
    public string? WithdrawalReason { get; set; }
    public DateTime? StoppedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DateTime? ReturnedAt { get; set; }
    public int? Rating { get; set; }
    public string? RatingComment { get; set; }
    public DateTime? RatedAt { get; set; }
    public int Revision { get; set; }

    /// <summary>A field-by-field copy, to attach afresh when a command is retried.</summary>
    public DossierRecord Copy() => (DossierRecord)MemberwiseClone();
}
