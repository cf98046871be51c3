namespace PublicWorkflow.OneStop.Persistence.Entities;

/// <summary>
/// A dossier whose indicator counts may have changed since they were last kept: written in the same transaction as the
/// change (the dossier, its result, feedback or survey naming it), removed when the change is folded into the sums.
/// Rows are only ever added and removed, so writers never wait on one another here.
/// </summary>
public sealed class IndicatorMarkRecord
{
    public Guid Id { get; set; }
    public Guid DossierId { get; set; }
}

/// <summary>
/// What one dossier last added to the kept sums: its keys (local receipt date, agency, level, branch, procedure) and the
/// conditions it met, so a later change can take exactly that back out.
/// </summary>
public sealed class DossierTallyRecord
{
    public Guid DossierId { get; set; }
    public DateOnly Day { get; set; }
    public string? AgencyCode { get; set; }
    public string? Level { get; set; }
    public string? BranchCode { get; set; }
    public required string ProcedureCode { get; set; }
    /// <summary>The <see cref="Measures.Counted"/> conditions the dossier met, as bits.</summary>
    public int Counted { get; set; }
    public int WorkingDays { get; set; }
}

public enum IndicatorDimension
{
    All = 0,
    Agency = 1,
    Level = 2,
    Branch = 3,
}

public enum IndicatorSpan
{
    Day = 0,
    Month = 1,
}

/// <summary>
/// How many dossiers received on one day (or in one month) by one agency, level or branch (or all of them) met each
/// condition; the column names are <see cref="Measures.Counted"/>'s.
/// </summary>
public sealed class IndicatorSumRecord
{
    public IndicatorDimension Dimension { get; set; }
    public IndicatorSpan Span { get; set; }
    public DateOnly Start { get; set; }
    public required string Value { get; set; }
    public int Received { get; set; }
    public int Accepted { get; set; }
    public int Resolved { get; set; }
    public int Finished { get; set; }
    public int OnTime { get; set; }
    public int ResolvedByAppointment { get; set; }
    public int PendingNotOverdue { get; set; }
    public int Online { get; set; }
    public int Granted { get; set; }
    public int GrantedDigitizedWithResult { get; set; }
    public int GrantedWithResult { get; set; }
    public int Digitized { get; set; }
    public int Reused { get; set; }
    public int FeeBearing { get; set; }
    public int FeeBearingPaidOnline { get; set; }
    public int Rated { get; set; }
    public int RatedHigh { get; set; }
    public int Disliked { get; set; }
    public long WorkingDays { get; set; }
}

/// <summary>
/// The one row saying up to when the sums are kept (<see cref="FoldedAt"/>: the instant "pending, not overdue" was
/// counted at) and under which catalog fees and calendar (<see cref="Fingerprint"/>); its revision makes two folds
/// at once a conflict, so only one of them writes.
/// </summary>
public sealed class IndicatorStateRecord
{
    public int Id { get; set; }
    public DateTime FoldedAt { get; set; }
    public required string Fingerprint { get; set; }
    public int Revision { get; set; }
}
