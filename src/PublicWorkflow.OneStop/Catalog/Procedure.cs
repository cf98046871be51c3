using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.OneStop.Catalog;

public enum OnlineLevel
{
    Unknown,
    Partial,
    Full,
}

public enum DeliveryOption
{
    Branch,
    Online,
    Post,
}

/// <summary>What a supplement request during processing does to the clock.</summary>
public enum SupplementClock
{
    /// <summary>The clock stops while the applicant supplements and goes on where it stopped (the default).</summary>
    Pause,
    /// <summary>The whole time limit starts again when the supplement arrives.</summary>
    Restart,
    /// <summary>The clock keeps running.</summary>
    Keep,
}

/// <summary>
/// Who resolves the procedure during a period: a named agency (e.g. the city's Department of Justice) or the agency of
/// a kind at a level for the applicant's locality (e.g. the People's Committee of the district until 30/6/2025, of
/// the commune from 1/7/2025). A local rule's <see cref="Competence"/> says which place's unit that is.
/// </summary>
public sealed record ResolvingRule(Validity Validity, string? AgencyCode, string? Level, string? AgencyKind, bool Verified, LocalizedText? Note = null,
    Competence? Competence = null)
{
    /// <summary>A local rule's competence criterion; none for a rule naming its agency.</summary>
    public Competence? LocalCompetence => AgencyCode is null ? Competence ?? Catalog.Competence.Default : null;
}

/// <summary>A statutory time limit in force for a period: time limits change (construction permits were cut in 2026).</summary>
/// <param name="SameDayCutoff">For a same-day limit only, when its published text says so (see <see cref="SameDayCutoff"/>).</param>
public sealed record TimeLimitRule(Validity Validity, TimeLimit Limit, bool Verified, LocalizedText? Note, SameDayCutoff? SameDayCutoff = null);

/// <summary>
/// "Received after 15:00 and not done at once: returned the next working day" — a rule of some same-day procedures
/// (certification, civil-status events and copies, diploma copies), not of the calendar: a limit of N days runs from
/// the day after receipt whatever the hour.
/// </summary>
public sealed record SameDayCutoff(TimeOnly At, bool Verified, LocalizedText? Note);

public enum FeeKind
{
    Free,
    Fixed,
    PerCopy,
    PerPage,
    /// <summary>A fee is charged but its amount is not verified (e.g. set by the city council): nothing is computed.</summary>
    Unknown,
}

/// <summary>
/// The fee: free, a fixed amount (with a lower amount when filed online), per copy, or per page (the first pages at one
/// rate, later pages at another, capped per copy), or a fee whose amount is unverified.
/// </summary>
public sealed record FeeRule(
    FeeKind Kind,
    decimal? Amount = null,
    decimal? OnlineAmount = null,
    int FirstPages = 0,
    decimal? FirstPageAmount = null,
    decimal? LaterPageAmount = null,
    decimal? MaximumPerCopy = null,
    bool Verified = true,
    LocalizedText? Note = null)
{
    public bool IsCharged => Kind != FeeKind.Free;
}

/// <summary>
/// A document of the dossier. <see cref="FetchableFrom"/> names the national database the center can take it from
/// instead of asking the citizen; an optional document is needed only in some cases (e.g. filing by proxy). "Ask only
/// once": <see cref="AcceptsResultOf"/> lists procedures whose electronic result serves as this document, and
/// <see cref="ReuseValidForDays"/>, when set, lets a file of the same document from the citizen's earlier dossier serve
/// for that many days.
/// </summary>
public sealed record RequiredDocument(string Id, LocalizedText Name, int Copies, string? FetchableFrom, bool Required, bool Verified,
    IReadOnlyList<string>? AcceptsResultOf = null, int? ReuseValidForDays = null, LocalizedText? ReuseNote = null);

/// <summary>
/// How a procedure's dossiers are watched: the SLA warning when <paramref name="WarningShare"/> of the office time to the
/// appointment has gone, and the escalation ladder: an overdue step goes to its team lead at once and to the center's
/// supervisor <paramref name="SupervisorAfterWorkingDays"/> working days later. The defaults are the center's practice,
/// not law.
/// </summary>
public sealed record DeadlineRules(decimal WarningShare = 0.75m, int SupervisorAfterWorkingDays = 1)
{
    public static readonly DeadlineRules Default = new();
}

/// <summary>Whether a value is verified, and its source.</summary>
public sealed record SourceFlag(bool Verified, LocalizedText? Note);

/// <summary>A date from a source, flagged when unverified.</summary>
public sealed record DatedFact(DateOnly From, bool Verified, LocalizedText? Note);

/// <summary>One administrative procedure of the catalog, read from <c>procedure-catalog/procedures/*.json</c>.</summary>
public sealed record Procedure(
    string File,
    string Code,
    string CityCode,
    LocalizedText Name,
    string Sector,
    IReadOnlyList<ResolvingRule> ResolvedBy,
    IReadOnlyList<string> LegalBasis,
    IReadOnlyList<TimeLimitRule> TimeLimits,
    FeeRule Fee,
    IReadOnlyList<RequiredDocument> Documents,
    OnlineLevel OnlineLevel,
    bool OnlineLevelVerified,
    IReadOnlyList<DeliveryOption> Delivery,
    string Workflow,
    SupplementClock SupplementClock,
    bool FinancialObligationsPauseClock,
    IReadOnlyList<string> Sources,
    DeadlineRules? Deadlines = null,
    DatedFact? CodeSince = null,
    SourceFlag? SupplementClockSource = null)
{
    /// <summary>
    /// Whether the procedure's national code was in force on a day: a dossier received before it (under the earlier
    /// procedure the code replaced) runs the rules then in force, and its papers say it was received before the code.
    /// </summary>
    public bool CodeInForceOn(DateOnly date) => CodeSince is null || date >= CodeSince.From;

    public DeadlineRules DeadlineRules => Deadlines ?? DeadlineRules.Default;

    public ResolvingRule? ResolvingOn(DateOnly date) => ResolvedBy.FirstOrDefault(r => r.Validity.Covers(date));

    public TimeLimitRule? TimeLimitOn(DateOnly date) => TimeLimits.FirstOrDefault(t => t.Validity.Covers(date));

    /// <summary>Anything in the entry not verified against an official source ('?' in the reference facts).</summary>
    public bool HasUnverifiedFacts =>
        !OnlineLevelVerified || !Fee.Verified || TimeLimits.Any(t => !t.Verified) || ResolvedBy.Any(r => !r.Verified || r.Competence?.Verified == false) || CodeSince?.Verified == false || Documents.Any(d => !d.Verified);
}
