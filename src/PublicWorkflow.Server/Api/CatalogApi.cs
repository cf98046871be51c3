using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.Runtime.Definitions;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Server.Api;

/// <summary>A procedure in a list.</summary>
public sealed record ProcedureSummaryDto(string Code, string CityCode, string Name, string Sector, string? Level, string? Agency, string? TimeLimit,
    string OnlineLevel, bool HasUnverifiedFacts);

/// <summary>A document of the procedure; <c>FetchableFrom</c> names the national database the center can take it from.</summary>
public sealed record ProcedureDocumentDto(string Id, string Name, int Copies, string? FetchableFrom, bool Required, bool Verified);

/// <summary>A time limit in force for a period; a same-day limit may have a cut-off ("after 15:00: the next working day").</summary>
public sealed record TimeLimitDto(DateOnly From, DateOnly? To, decimal Amount, string Unit, bool Verified, string? Note, string? SameDayCutoff = null,
    bool SameDayCutoffVerified = true);

/// <summary>
/// When a dossier of the procedure received at that moment is due, by the rule in force that day. <c>Verified</c> is false
/// when any fact it rests on (the limit, its cut-off) is not verified against the law's text.
/// </summary>
public sealed record AppointmentDto(string Procedure, DateTimeOffset ReceivedAt, DateTimeOffset Appointment, decimal Amount, string Unit,
    string? SameDayCutoff, bool Verified);

/// <summary>The fee rule.</summary>
public sealed record FeeDto(string Kind, decimal? Amount, decimal? OnlineAmount, int FirstPages, decimal? FirstPageAmount, decimal? LaterPageAmount,
    decimal? MaximumPerCopy, bool Verified, string? Note);

/// <summary>Who resolves the procedure during a period.</summary>
/// <param name="Competence">For a local rule, which place's unit is competent (plot, business-seat, new-residence…); <c>LocalityQuestion</c> asks for it.</param>
public sealed record ResolvingDto(DateOnly From, DateOnly? To, string? Agency, string? Level, string? AgencyKind, bool Verified, string? Note = null,
    string? Competence = null, string? LocalityQuestion = null, bool CompetenceVerified = true, string? CompetenceNote = null);

/// <summary>A published version of the procedure's workflow.</summary>
public sealed record WorkflowVersionDto(string Key, int Version, string Status, DateTimeOffset? PublishedAt, string? PublishedBy);

/// <summary>One procedure with everything a clerk or citizen needs to know.</summary>
public sealed record ProcedureDto(string Code, string CityCode, string NameVi, string NameEn, string Sector, IReadOnlyList<ResolvingDto> ResolvedBy,
    IReadOnlyList<string> LegalBasis, IReadOnlyList<TimeLimitDto> TimeLimits, FeeDto Fee, IReadOnlyList<ProcedureDocumentDto> Documents, string OnlineLevel,
    bool OnlineLevelVerified, IReadOnlyList<string> Delivery, string Workflow, string SupplementClock, bool FinancialObligationsPauseClock,
    IReadOnlyList<string> Sources, IReadOnlyList<WorkflowVersionDto> WorkflowVersions, string? LocalityQuestion, DateOnly? CodeSince, bool CodeSinceVerified,
    bool SupplementClockVerified, string? SupplementClockNote);

/// <summary>
/// A service point: where it is (ward, address where sourced), its hours (the calendar's office hours on working days),
/// whether it receives the procedure asked about and serves the ward given. <c>Verified</c> false: from one source or memory.
/// </summary>
public sealed record PointDto(string Code, string Kind, string Name, string? Unit, string? UnitName, string? Address, string Hours, bool? Receives,
    bool? ServesLocality, bool Verified, string? Note, DateOnly From, DateOnly? To);

/// <summary>An agency or branch in force.</summary>
public sealed record StructureItemDto(string Code, string Name, string? Kind, string? Level, DateOnly From, DateOnly? To);

/// <summary>The catalog and the government structure: open to anyone (no personal data).</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1").WithTags("Catalog").AllowAnonymous();
        group.MapGet("/procedures", List).WithSummary("Search procedures by code, name (vi or en), sector, level, online level / Tra cứu thủ tục");
        group.MapGet("/procedures/{code}", GetAsync).WithSummary("One procedure: documents, fees, time limits, workflow versions / Chi tiết thủ tục")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/procedures/{code}/appointment", Appointment)
            .WithSummary("When a dossier received at receivedAt (ISO 8601, local time if no offset) is due / Ngày hẹn trả kết quả")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        group.MapGet("/structure/agencies", Agencies).WithSummary("Agencies in force on a date / Cơ quan giải quyết");
        group.MapGet("/structure/branches", Branches).WithSummary("The center's branches in force on a date / Chi nhánh");
        group.MapGet("/points", Points)
            .WithSummary("Where to file: the service points open on a date (?on=) that receive a procedure (?procedure=), those serving a ward (?locality=) first / Điểm tiếp nhận")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        return routes;
    }

    private static Ok<List<ProcedureSummaryDto>> List(ProcedureCatalog catalog, TimeProvider clock, WorkingCalendar calendar, HttpContext http,
        string? q, string? sector, string? level, string? online)
    {
        var language = DossierMapping.Language(http);
        var today = DateOnly.FromDateTime(calendar.ToLocal(clock.GetUtcNow()));
        var found = catalog.Procedures.Where(p =>
            (q is null || p.Code.Contains(q, StringComparison.OrdinalIgnoreCase) || p.Name.Vi.Contains(q, StringComparison.OrdinalIgnoreCase)
                || p.Name.En.Contains(q, StringComparison.OrdinalIgnoreCase))
            && (sector is null || p.Sector == sector)
            && (level is null || p.ResolvingOn(today) is { } r && (r.Level ?? catalog.Structure.Agency(r.AgencyCode!, today)?.Level) == level)
            && (online is null || p.OnlineLevel.ToString().Equals(online, StringComparison.OrdinalIgnoreCase)));
        return TypedResults.Ok(found.Select(p =>
        {
            var rule = p.ResolvingOn(today);
            return new ProcedureSummaryDto(p.Code, p.CityCode, p.Name.In(language), p.Sector, rule?.Level ?? (rule?.AgencyCode is { } a ? catalog.Structure.Agency(a, today)?.Level : null),
                rule?.AgencyCode ?? rule?.AgencyKind, p.TimeLimitOn(today) is { } t ? $"{t.Limit.Amount} {TimeLimit.UnitName(t.Limit.Unit)}" : null,
                p.OnlineLevel.ToString().ToLowerInvariant(), p.HasUnverifiedFacts);
        }).ToList());
    }

    private static Ok<AppointmentDto> Appointment(string code, string? receivedAt, ProcedureCatalog catalog, DossierClock clock, WorkingCalendar calendar)
    {
        var procedure = catalog.Find(code) ?? throw Runtime.RuntimeException.NotFound("procedure", code.Length > 40 ? code[..40] : code);
        if (!DossierClock.TryParseReceived(receivedAt, calendar, out var received))
        {
            throw Runtime.RuntimeException.Invalid("receivedAt", "the moment of receipt as ISO 8601, e.g. 2026-12-07T15:30 (Vietnam time) or 2026-12-07T15:30+07:00");
        }
        ApiDates.Check("receivedAt", received);
        var (rule, at) = clock.AppointmentFor(procedure, received);
        return TypedResults.Ok(new AppointmentDto(procedure.Code, ApiHttp.Local(calendar, received.UtcDateTime)!.Value, ApiHttp.Local(calendar, at.UtcDateTime)!.Value,
            rule.Limit.Amount, TimeLimit.UnitName(rule.Limit.Unit), rule.SameDayCutoff?.At.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            rule.Verified && rule.SameDayCutoff?.Verified != false));
    }

    private static async Task<Ok<ProcedureDto>> GetAsync(string code, ProcedureCatalog catalog, DefinitionStore definitions, WorkingCalendar calendar, TimeProvider clock,
        HttpContext http)
    {
        var p = catalog.Find(code) ?? throw Runtime.RuntimeException.NotFound("procedure", code.Length > 40 ? code[..40] : code);
        var language = DossierMapping.Language(http);
        var today = DateOnly.FromDateTime(calendar.ToLocal(clock.GetUtcNow()));
        var versions = (await definitions.VersionsAsync(p.Workflow, http.RequestAborted)).Where(d => d.Status != DefinitionStatus.Draft).OrderBy(d => d.Version).ToList();
        return TypedResults.Ok(new ProcedureDto(p.Code, p.CityCode, p.Name.Vi, p.Name.En, p.Sector,
            p.ResolvedBy.Select(r => new ResolvingDto(r.Validity.From, r.Validity.To, r.AgencyCode, r.Level, r.AgencyKind, r.Verified, r.Note?.In(language),
                r.LocalCompetence is { } c ? Competence.Name(c.Basis) : null, r.LocalCompetence is { } q ? Competence.Question(q.Basis).In(language) : null,
                r.LocalCompetence?.Verified ?? true, r.LocalCompetence?.Note?.In(language))).ToList(),
            p.LegalBasis, p.TimeLimits.Select(t => new TimeLimitDto(t.Validity.From, t.Validity.To, t.Limit.Amount, TimeLimit.UnitName(t.Limit.Unit), t.Verified,
                t.Note?.In(language), t.SameDayCutoff?.At.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), t.SameDayCutoff?.Verified ?? true)).ToList(),
            new FeeDto(FeeKindName(p.Fee.Kind), p.Fee.Amount, p.Fee.OnlineAmount, p.Fee.FirstPages, p.Fee.FirstPageAmount, p.Fee.LaterPageAmount,
                p.Fee.MaximumPerCopy, p.Fee.Verified, p.Fee.Note?.In(language)),
            p.Documents.Select(d => new ProcedureDocumentDto(d.Id, d.Name.In(language), d.Copies, d.FetchableFrom, d.Required, d.Verified)).ToList(),
            p.OnlineLevel.ToString().ToLowerInvariant(), p.OnlineLevelVerified, p.Delivery.Select(d => d.ToString().ToLowerInvariant()).ToList(), p.Workflow,
            p.SupplementClock.ToString().ToLowerInvariant(), p.FinancialObligationsPauseClock, p.Sources,
            versions.Select(v => new WorkflowVersionDto(v.Key, v.Version, v.Status.ToString().ToLowerInvariant(), ApiHttp.Local(calendar, v.PublishedAt), v.PublishedBy)).ToList(),
            p.ResolvingOn(today)?.LocalCompetence is { } now ? Competence.Question(now.Basis).In(language) : null, p.CodeSince?.From, p.CodeSince?.Verified ?? true,
            p.SupplementClockSource?.Verified ?? true, p.SupplementClockSource?.Note?.In(language)));
    }

    /// <summary>The fee kinds as the catalog files write them.</summary>
    private static string FeeKindName(FeeKind kind) => kind switch
    {
        FeeKind.PerCopy => "per-copy",
        FeeKind.PerPage => "per-page",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static Ok<List<StructureItemDto>> Agencies(ProcedureCatalog catalog, TimeProvider clock, WorkingCalendar calendar, HttpContext http, DateOnly? on, string? level) =>
        TypedResults.Ok(catalog.Structure.Agencies
            .Where(a => a.Validity.Covers(ApiDates.Check(nameof(on), on) ?? DateOnly.FromDateTime(calendar.ToLocal(clock.GetUtcNow()))) && (level is null || a.Level == level))
            .Select(a => new StructureItemDto(a.Code, a.Name.In(DossierMapping.Language(http)), a.Kind, a.Level, a.Validity.From, a.Validity.To)).ToList());

    private static Ok<List<StructureItemDto>> Branches(ProcedureCatalog catalog, TimeProvider clock, WorkingCalendar calendar, HttpContext http, DateOnly? on) =>
        TypedResults.Ok(catalog.Structure.Branches
            .Where(b => b.Validity.Covers(ApiDates.Check(nameof(on), on) ?? DateOnly.FromDateTime(calendar.ToLocal(clock.GetUtcNow()))))
            .Select(b => new StructureItemDto(b.Code, b.Name.In(DossierMapping.Language(http)), PointKindName(b.Kind), "branch", b.Validity.From, b.Validity.To)).ToList());

    private static Ok<List<PointDto>> Points(ProcedureCatalog catalog, TimeProvider clock, WorkingCalendar calendar, HttpContext http, DateOnly? on, string? procedure,
        string? locality)
    {
        var language = DossierMapping.Language(http);
        var day = ApiDates.Check(nameof(on), on) ?? DateOnly.FromDateTime(calendar.ToLocal(clock.GetUtcNow()));
        if (locality?.Length > 60 || procedure?.Length > 20)
        {
            throw Runtime.RuntimeException.Invalid(locality?.Length > 60 ? "locality" : "procedure", "too long");
        }
        var wanted = procedure is null ? null : catalog.Find(procedure) ?? throw Runtime.RuntimeException.NotFound("procedure", procedure);
        var hours = string.Join(", ", calendar.OfficeHours.Select(h => $"{h.From:HH\\:mm}–{h.To:HH\\:mm}"))
            + (language == "vi" ? " (ngày làm việc)" : " (working days)");
        return TypedResults.Ok(ReceptionNetwork.PointsFor(catalog, wanted, locality, day).Select(c => new PointDto(c.Point.Code, PointKindName(c.Point.Kind),
            c.Point.Name.In(language), c.Point.Unit, c.Point.Unit is { } u ? catalog.Structure.Unit(u, day)?.Name.In(language) : null, c.Point.Address, hours,
            c.Receives, c.ServesLocality, c.Point.Verified, c.Point.Note?.In(language), c.Point.Validity.From, c.Point.Validity.To)).ToList());
    }

    private static string PointKindName(PointKind kind) => kind switch
    {
        PointKind.CommunePoint => "commune-point",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
