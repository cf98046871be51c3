using PublicWorkflow.OneStop.Persistence.Entities;
using System.Text.Json;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Server.Api;

/// <summary>The applicant (personal data: staff side only).</summary>
/// <param name="NotifyBy">The channels the applicant chose for messages: email, sms (all they gave an address for when absent).</param>
/// <param name="Language">vi (default) or en: the language of their messages.</param>
public sealed record ApplicantDto(string? FullName, string? IdNumber, string? Phone, string? Email, string? Address, List<string>? NotifyBy = null,
    string? Language = null);

/// <summary>A document handed in.</summary>
/// <param name="Id">The document's id in the procedure, e.g. <c>ct01</c>.</param>
/// <param name="Copies">How many copies (default 1).</param>
/// <param name="Pages">Pages per copy, for fees charged per page.</param>
/// <param name="FromNationalDatabase">True when the center took it from a national database instead of the applicant.</param>
/// <param name="ReusedFileId">A file of the applicant's data store standing in for the document (from GET citizens/{idNumber}/offers).</param>
/// <param name="NationalReference">Set by the server: the document's reference in the national database it was taken from.</param>
/// <param name="NationalReferenceIsFake">Set by the server: the reference came from the simulated database of the embedded default.</param>
public sealed record DocumentDto(string? Id, int? Copies, int? Pages, bool? FromNationalDatabase, Guid? ReusedFileId = null, string? NationalReference = null,
    bool? NationalReferenceIsFake = null);

/// <summary>A dossier handed in at a branch, by post, or filed online.</summary>
/// <param name="ProcedureCode">National procedure code, e.g. 1.004222.</param>
/// <param name="Channel">counter, online or post.</param>
/// <param name="BranchCode">The receiving branch (required at the counter).</param>
/// <param name="Locality">The applicant's ward or commune code (e.g. P.HOANKIEM), which routes locally resolved procedures.</param>
/// <param name="Applicant">Who files it.</param>
/// <param name="Documents">The documents handed in (an empty list if none).</param>
/// <param name="Delivery">How the result is returned: branch, online or post.</param>
/// <param name="Copies">Copies of the result asked for (fees per copy).</param>
/// <param name="ReceivedAt">
/// Back-office entry of a paper dossier (counter, post) received earlier: when it was received (ISO 8601 with offset),
/// at most 3 working days back; the appointment counts from it and the entry time is kept. Omit it otherwise.
/// </param>
public sealed record ReceiveDossierRequest(string? ProcedureCode, string? Channel, string? BranchCode, string? Locality, ApplicantDto? Applicant,
    List<DocumentDto>? Documents, string? Delivery, int? Copies, DateTimeOffset? ReceivedAt = null, List<string>? Reasons = null);

/// <summary>
/// The answer to a reception: accepted (2) with a code and appointment; guided to complete (0, form 02, not registered)
/// with everything missing; or refused (3, form 03) with the reasons.
/// </summary>
/// <param name="OpenedTasks">The first steps of an accepted dossier (e.g. digitizing), ready in the inbox.</param>
/// <param name="LookupKey">The secret printed on the receipt beside the code (XXXX-XXXX-XXXX): the citizen needs both to track and rate.</param>
public sealed record ReceptionDto(Guid DossierId, string? Code, int Status, string StatusName, DateTimeOffset? Appointment, IReadOnlyList<string> Missing, decimal? Fee,
    IReadOnlyList<Guid> OpenedTasks, string? LookupKey, IReadOnlyList<string> Reasons);

/// <summary>A reason, for withdrawing or stopping a dossier.</summary>
public sealed record ReasonRequest(string? Reason);

/// <summary>The apology for a late dossier.</summary>
public sealed record ApologyRequest(string? Reason, DateTimeOffset? NewAppointment);

/// <summary>Documents the applicant brings after a supplement request.</summary>
public sealed record SupplementRequest(List<DocumentDto>? Documents);

/// <summary>A clerk's review of an online filing: accept, guide (items: what is wanting) or refuse (items: the reasons).</summary>
public sealed record OnlineReviewRequest(string? Decision, List<string>? Items);

/// <summary>A member of staff viewed the applicant's personal data.</summary>
public sealed record PersonalDataAccessDto(DateTimeOffset? At, string Actor, string Action);

/// <summary>A payment of fees or financial obligations: online, counter, bank or post.</summary>
public sealed record PaymentRequest(string? Channel);

/// <summary>A dossier as staff see it.</summary>
/// <param name="LookupKey">The secret on the citizen's receipt, to print it again; never shown on the public side.</param>
public sealed record DossierDto(
    Guid Id, string? Code, string? LookupKey, Guid? CaseId, string ProcedureCode, string? ProcedureName, int Status, string StatusName, string Channel,
    string? BranchCode, string? Locality, string? AgencyCode, string? AgencyName, string? Level, DateTimeOffset? ReceivedAt, string ReceivedBy,
    string? TimeLimit, DateTimeOffset? Appointment, DateTimeOffset? OriginalAppointment, bool ClockPaused, DateTimeOffset? ApologizedAt,
    string? ApologyReason, DateTimeOffset? AppointmentBeforeApology, ApplicantDto? Applicant, IReadOnlyList<DocumentDto> Documents,
    IReadOnlyList<string> Missing, string Delivery, decimal? Fee, DateTimeOffset? FeePaidAt, string? PaymentChannel, string? Outcome,
    IReadOnlyList<string> RefusalReasons, string? StopReason, DateTimeOffset? ResolvedAt, DateTimeOffset? ReturnedAt, int? Rating, bool? OnTime,
    int Revision, int SupplementRequests, int SupplementRequestsAllowed, string? SupplementOverrideReason, DateTimeOffset? WithdrawalRequestedAt,
    string? WithdrawalReason, DateTimeOffset? StoppedAt);

/// <summary>One page of a list.</summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>A line of the tracking sheet.</summary>
public sealed record HandoverDto(string Step, string StepName, string FromParty, string FromActor, string ToParty, DateTimeOffset? At,
    DateTimeOffset? StepDue, string Timing);

/// <summary>The workflow version a dossier's case runs, with the steps open now and those already done.</summary>
public sealed record DiagramDto(string Key, int Version, string BpmnXml, IReadOnlyList<string> OpenElements, IReadOnlyList<string> DoneElements);

/// <summary>A line of the case's audit trail.</summary>
public sealed record AuditDto(DateTimeOffset? At, string Actor, string Kind, string? ElementId, string? Level, string Detail);

internal static class DossierMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ReceptionDto Reception(ReceptionOutcome o, WorkingCalendar calendar, HttpContext http) =>
        new(o.DossierId.Value, o.Code, (int)o.Status, DossierStatuses.Name(o.Status).In(Language(http)), ApiHttp.Local(calendar, o.Appointment?.UtcDateTime),
            o.Missing, o.Fee, o.OpenedTasks.Select(t => t.Value).ToList(), o.LookupKey is null ? null : LookupKeys.Format(o.LookupKey), o.Reasons);

    public static DossierDto Dossier(DossierRecord d, ProcedureCatalog catalog, WorkingCalendar calendar, HttpContext http, DateTime now)
    {
        var language = Language(http);
        DateTimeOffset? L(DateTime? utc) => ApiHttp.Local(calendar, utc);
        var applicant = JsonSerializer.Deserialize<Applicant>(d.ApplicantJson, Json);
        var documents = JsonSerializer.Deserialize<List<PresentedDocument>>(d.DocumentsJson, Json) ?? [];
        return new DossierDto(
            d.Id, d.Code, d.LookupKey is null ? null : LookupKeys.Format(d.LookupKey), d.CaseId, d.ProcedureCode, catalog.Find(d.ProcedureCode)?.Name.In(language), (int)d.Status, DossierStatuses.Name(d.Status).In(language),
            d.Channel.ToString().ToLowerInvariant(), d.BranchCode, d.Locality, d.AgencyCode,
            d.AgencyCode is null ? null : catalog.Structure.AgencyEver(d.AgencyCode)?.Name.In(language), d.Level, L(d.ReceivedAt), d.ReceivedBy,
            d.TimeLimit, L(d.AppointmentAt), L(d.OriginalAppointmentAt), d.ClockPausedAt is not null, L(d.ApologizedAt), d.ApologyReason,
            L(d.AppointmentBeforeApology),
            applicant is null ? null : new ApplicantDto(applicant.FullName, applicant.IdNumber, applicant.Phone, applicant.Email, applicant.Address,
                applicant.NotifyBy?.ToList(), applicant.Language),
            documents.Select(x => new DocumentDto(x.Id, x.Copies, x.Pages, x.FromNationalDatabase, x.ReusedFileId, x.NationalReference, x.NationalReferenceIsFake)).ToList(),
            Strings(d.MissingJson), d.Delivery, d.FeeAmount, L(d.FeePaidAt), d.PaymentChannel, d.Outcome?.ToString().ToLowerInvariant(),
            Strings(d.RefusalReasons), d.StopReason, L(d.ResolvedAt), L(d.ReturnedAt), d.Rating, OnTime(d, now), d.Revision,
            d.SupplementRequests, d.SupplementRequestsAllowed, d.SupplementOverrideReason, L(d.WithdrawalRequestedAt), d.WithdrawalReason, L(d.StoppedAt));
    }

    /// <summary>On time: resolved by the appointment (before any apology), or still inside it; null when not yet known.</summary>
    public static bool? OnTime(DossierRecord d, DateTime now) =>
        OnTime(d.AppointmentBeforeApology ?? d.AppointmentAt, d.ResolvedAt, d.ClockPausedAt is not null, now);

    public static bool? OnTime(DateTime? due, DateTime? resolvedAt, bool paused, DateTime now)
    {
        if (due is null)
        {
            return null;
        }
        return resolvedAt is { } resolved ? resolved <= due : paused || now <= due ? null : false;
    }

    public static HandoverDto Handover(HandoverRecord h, WorkingCalendar calendar) =>
        new(h.Step, h.StepName, h.FromParty, h.FromActor, h.ToParty, ApiHttp.Local(calendar, h.At), ApiHttp.Local(calendar, h.StepDueAt),
            h.Timing switch { HandoverTiming.Early => "early", HandoverTiming.OnTime => "on-time", _ => "late" });

    public static string Language(HttpContext http) => Hosting.RequestLanguage.Of(http.Request);

    private static IReadOnlyList<string> Strings(string? json) => json is null ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
