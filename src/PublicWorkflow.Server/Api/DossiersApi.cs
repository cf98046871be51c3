using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.OneStop.Persistence.Entities;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Server.Security;
using PublicWorkflow.OneStop.Staff;

namespace PublicWorkflow.Server.Api;

/// <summary>Dossiers (cases) for staff: reception, look-up, lists, the tracking sheet and audit trail, and the lifecycle commands.</summary>
public static class DossiersApi
{
    private const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapDossiersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/dossiers").WithTags("Dossiers").RequireAuthorization(StaffRoles.Policies.CaseWork)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", ReceiveAsync)
            .WithSummary("Receive a dossier at the counter or by post (accepted with a code and appointment, or not accepted with everything missing); an online filing is stored as submitted for review / Tiếp nhận hồ sơ")
            .ProducesValidationProblem();
        group.MapPost("/refusals", RefuseToReceiveAsync)
            .WithSummary("Refuse to receive a dossier the point cannot take (not eligible, not this unit's procedure…), with the reasons: form 03, no code / Từ chối tiếp nhận hồ sơ")
            .ProducesValidationProblem();
        group.MapGet("/", ListAsync).WithSummary("Dossiers in my scope, filtered and paged / Danh sách hồ sơ").ProducesValidationProblem();
        group.MapGet("/register", RegisterAsync)
            .WithSummary("The register (sổ theo dõi hồ sơ) of an agency or service point for a period (?unit=&from=&to=), printable HTML / Sổ theo dõi hồ sơ")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One dossier (ETag: its revision) / Một hồ sơ").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/by-code/{code}", ByCodeAsync).WithSummary("A dossier by its code / Tra hồ sơ theo mã").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/tracking-sheet", TrackingSheetAsync).WithSummary("The tracking sheet: every hand-over / Phiếu kiểm soát quá trình");
        group.MapGet("/{id:guid}/audit", AuditAsync).WithSummary("The case's audit trail / Nhật ký xử lý");
        group.MapGet("/{id:guid}/diagram", DiagramAsync)
            .WithSummary("The case's workflow version as BPMN XML with its open and finished steps, to draw / Sơ đồ quy trình của hồ sơ");
        group.MapGet("/{id:guid}/papers/{kind}", PaperAsync)
            .WithSummary("A printable paper as HTML: receipt, supplement-request, refusal-to-receive, refusal, apology, stop-notice, tracking-sheet / Phiếu in")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        group.MapPost("/{id:guid}/review", ReviewAsync)
            .WithSummary("Review an online filing: accept (after the completeness check), guide with what is wanting, or refuse with reasons ({ decision, items }) / Xem xét hồ sơ nộp trực tuyến")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}/personal-data-access", AccessLogAsync).RequireAuthorization(StaffRoles.Policies.Supervise)
            .WithSummary("Who among staff viewed the applicant's personal data, newest first / Nhật ký truy cập dữ liệu cá nhân");
        group.MapPost("/{id:guid}/supplement", SupplementAsync).WithSummary("The applicant brings what was asked for / Nhận hồ sơ bổ sung");
        group.MapPost("/{id:guid}/payments", PaymentAsync).WithSummary("Record the payment of fees and its channel / Ghi nhận nộp phí");
        group.MapPost("/{id:guid}/withdraw", WithdrawAsync).WithSummary("The applicant withdraws the dossier / Công dân rút hồ sơ");
        group.MapPost("/{id:guid}/cancel", CancelAsync).WithSummary("Stop processing, with the reason / Dừng xử lý hồ sơ");
        group.MapPost("/{id:guid}/apology", ApologyAsync).WithSummary("Apologise for lateness with a new appointment, once / Xin lỗi, hẹn lại");
        group.MapPost("/{id:guid}/supplement-override", SupplementOverrideAsync).RequireAuthorization(StaffRoles.Policies.Supervise)
            .WithSummary("The supervisor allows one more supplement request, with the reason; the dossier then counts as late / Cho phép yêu cầu bổ sung thêm");
        return routes;
    }

    private static async Task<Results<Created<ReceptionDto>, ValidationProblem>> ReceiveAsync(ReceiveDossierRequest body, ReceiveDossier reception,
        WorkingCalendar calendar, ClaimsPrincipal user, HttpContext http)
    {
        var caller = ApiHttp.Caller(user);
        var errors = new Dictionary<string, string[]>();
        var request = Reception(body, caller, errors);
        if (request is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        // An online filing (from the national portal or the center's own site) waits for a clerk's review.
        var outcome = request.Channel == DossierChannel.Online
            ? await reception.SubmitOnlineAsync(request, caller.UserName, ApiHttp.IdempotencyKey(http.Request), http.RequestAborted)
            : await reception.ReceiveAsync(request, caller.UserName, ApiHttp.IdempotencyKey(http.Request), http.RequestAborted);
        return TypedResults.Created($"/api/v1/dossiers/{outcome.DossierId}", DossierMapping.Reception(outcome, calendar, http));
    }

    private static async Task<Results<Created<ReceptionDto>, ValidationProblem>> RefuseToReceiveAsync(ReceiveDossierRequest body, ReceiveDossier reception,
        WorkingCalendar calendar, ClaimsPrincipal user, HttpContext http)
    {
        var caller = ApiHttp.Caller(user);
        var errors = new Dictionary<string, string[]>();
        var request = Reception(body, caller, errors);
        if (body.Reasons is not { Count: > 0 })
        {
            errors["reasons"] = ["the reasons for refusing are required / cần nêu lý do từ chối"];
        }
        if (request is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var outcome = await reception.RefuseToReceiveAsync(request, body.Reasons!, caller.UserName, ApiHttp.IdempotencyKey(http.Request), http.RequestAborted);
        return TypedResults.Created($"/api/v1/dossiers/{outcome.DossierId}", DossierMapping.Reception(outcome, calendar, http));
    }

    /// <summary>The reception request from the body, or null with the field errors.</summary>
    private static ReceptionRequest? Reception(ReceiveDossierRequest body, StaffMember caller, Dictionary<string, string[]> errors)
    {
        var channel = Parse<DossierChannel>(body.Channel ?? "counter", "channel", errors);
        var delivery = Parse<DeliveryOption>(body.Delivery ?? "branch", "delivery", errors);
        if (string.IsNullOrWhiteSpace(body.ProcedureCode))
        {
            errors["procedureCode"] = ["is required"];
        }
        if (body.Applicant is null)
        {
            errors["applicant"] = ["is required"];
        }
        if (body.Documents is null)
        {
            errors["documents"] = ["is required (an empty list if none)"];
        }
        else if (body.Documents.Count > 200)
        {
            errors["documents"] = ["at most 200 documents"];
        }
        else
        {
            for (var i = 0; i < body.Documents.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(body.Documents[i]?.Id))
                {
                    errors[$"documents[{i}].id"] = ["is required"];
                }
            }
        }
        if (errors.Count > 0)
        {
            return null;
        }
        var branch = ReceivingBranch(caller, body.BranchCode, errors);
        if (errors.Count > 0)
        {
            return null;
        }
        return new ReceptionRequest(body.ProcedureCode!.Trim(), channel, branch,
            body.Locality, new Applicant(body.Applicant!.FullName ?? "", body.Applicant.IdNumber, body.Applicant.Phone, body.Applicant.Email, body.Applicant.Address,
                body.Applicant.NotifyBy, body.Applicant.Language),
            body.Documents!.Select(d => new PresentedDocument(d.Id!.Trim(), d.Copies ?? 1, d.Pages ?? 0, d.FromNationalDatabase ?? false, d.ReusedFileId)).ToList(),
            delivery, body.Copies ?? 1, ApiDates.Check("receivedAt", body.ReceivedAt));
    }

    private static async Task<Results<Ok<PageDto<DossierDto>>, ValidationProblem>> ListAsync(DossierList dossiers, ProcedureCatalog catalog,
        WorkingCalendar calendar, TimeProvider clock, ClaimsPrincipal user, HttpContext http,
        string? status, string? procedure, string? agency, string? level, string? branch, DateOnly? dueBefore, bool? overdue, bool? atRisk,
        int? page, int? pageSize)
    {
        var caller = ApiHttp.Caller(user);
        ApiDates.Check(nameof(dueBefore), dueBefore);
        var errors = new Dictionary<string, string[]>();
        DossierStatus? wanted = null;
        if (status is not null)
        {
            wanted = int.TryParse(status, out var code) && Enum.IsDefined(typeof(DossierStatus), code)
                ? (DossierStatus)code
                : !int.TryParse(status, out _) && Enum.TryParse<DossierStatus>(status.Replace("-", ""), ignoreCase: true, out var named) ? named : null;
            if (wanted is null)
            {
                errors["status"] = ["a status code 1-10 or name such as processing"];
            }
        }
        if (page is < 1 || pageSize is < 1 or > MaxPageSize)
        {
            errors["page"] = [$"page from 1, pageSize 1 to {MaxPageSize}"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var size = pageSize ?? 20;
        var number = page ?? 1;
        var (items, total) = await dossiers.PageAsync(caller.Scope,
            new DossierFilter(wanted, procedure, agency, level, branch, dueBefore, overdue == true, atRisk == true), number, size, http.RequestAborted);
        return TypedResults.Ok(new PageDto<DossierDto>(items.Select(d => DossierMapping.Dossier(d, catalog, calendar, http, now)).ToList(), number, size, total));
    }

    private static async Task<Ok<DossierDto>> GetAsync(Guid id, DossierStore dossiers, ProcedureCatalog catalog, WorkingCalendar calendar, TimeProvider clock,
        PersonalDataLog log, ClaimsPrincipal user, HttpContext http) =>
        await ViewedAsync(Show(await Scoped(dossiers.DossierAsync(new DossierId(id), http.RequestAborted), user), catalog, calendar, clock, http), log, user, http);

    /// <summary>The applicant's data was served to this member of staff: logged before the answer leaves.</summary>
    private static async Task<Ok<DossierDto>> ViewedAsync(Ok<DossierDto> shown, PersonalDataLog log, ClaimsPrincipal user, HttpContext http)
    {
        await log.ViewedAsync(ApiHttp.Caller(user).UserName, "view-dossier", shown.Value!.Id, cancellationToken: http.RequestAborted);
        return shown;
    }

    private static async Task<Ok<DossierDto>> ByCodeAsync(string code, DossierStore dossiers, ProcedureCatalog catalog, WorkingCalendar calendar,
        TimeProvider clock, PersonalDataLog log, ClaimsPrincipal user, HttpContext http)
    {
        if (code.Length > 60)
        {
            throw RuntimeException.Invalid("code", "a dossier code has at most 60 characters");
        }
        return await ViewedAsync(Show(await Scoped(dossiers.ByCodeAsync(code, http.RequestAborted), user), catalog, calendar, clock, http), log, user, http);
    }

    private static async Task<Ok<List<HandoverDto>>> TrackingSheetAsync(Guid id, DossierStore dossiers, WorkingCalendar calendar, ClaimsPrincipal user,
        HttpContext http)
    {
        await Scoped(dossiers.DossierAsync(new DossierId(id), http.RequestAborted), user);
        var sheet = await dossiers.TrackingSheetAsync(new DossierId(id), http.RequestAborted);
        return TypedResults.Ok(sheet.Select(h => DossierMapping.Handover(h, calendar)).ToList());
    }

    private static async Task<Ok<List<AuditDto>>> AuditAsync(Guid id, DossierStore dossiers, CaseViews cases, WorkingCalendar calendar,
        ClaimsPrincipal user, HttpContext http)
    {
        var dossier = await Scoped(dossiers.DossierAsync(new DossierId(id), http.RequestAborted), user);
        var lines = dossier.CaseId is { } caseId ? await cases.AuditAsync(new CaseId(caseId), http.RequestAborted) : [];
        return TypedResults.Ok(lines.Select(a => new AuditDto(ApiHttp.Local(calendar, a.At), a.Actor, a.Kind, a.ElementId, a.Level, a.Detail)).ToList());
    }

    private static async Task<Ok<DiagramDto>> DiagramAsync(Guid id, DossierStore dossiers, CaseViews cases, ClaimsPrincipal user, HttpContext http)
    {
        var dossier = await Scoped(dossiers.DossierAsync(new DossierId(id), http.RequestAborted), user);
        var caseId = dossier.CaseId ?? throw RuntimeException.Rejected("no-case", $"dossier {dossier.Id} was not accepted: it has no workflow");
        var diagram = await cases.DiagramAsync(new CaseId(caseId), http.RequestAborted);
        return TypedResults.Ok(new DiagramDto(diagram.DefinitionKey, diagram.DefinitionVersion, diagram.BpmnXml, diagram.Active, diagram.Done));
    }

    private static async Task<ContentHttpResult> RegisterAsync(string? unit, DateOnly? from, DateOnly? to, DossierList dossiers, DossierDocuments papers,
        ProcedureCatalog catalog, ClaimsPrincipal user, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(unit) || unit.Length > 60)
        {
            throw RuntimeException.Invalid("unit", "the agency or service point code is required / cần mã cơ quan hoặc điểm tiếp nhận");
        }
        if (ApiDates.Check(nameof(from), from) is not { } start || ApiDates.Check(nameof(to), to) is not { } end)
        {
            throw RuntimeException.Invalid(from is null ? "from" : "to", "the period's first and last day (yyyy-MM-dd) are required");
        }
        // The register is kept by the unit's own staff (the supervisor sees every unit's).
        ApiHttp.CheckScope(ApiHttp.Caller(user), unit, unit);
        var rows = await dossiers.RegisterAsync(unit, start, end, http.RequestAborted);
        var name = catalog.Structure.AgencyEver(unit)?.Name.Vi ?? catalog.Structure.Branches.FirstOrDefault(b => b.Code == unit)?.Name.Vi ?? unit;
        return TypedResults.Content(papers.Register(name, start, end, rows), "text/html; charset=utf-8");
    }

    private static async Task<ContentHttpResult> PaperAsync(Guid id, string kind, DossierStore dossiers, DossierDocuments papers, PersonalDataLog log,
        ClaimsPrincipal user, HttpContext http)
    {
        var paper = PaperKind(kind);
        var dossier = await Scoped(dossiers.DossierAsync(new DossierId(id), http.RequestAborted), user);
        var html = papers.Render(paper, dossier, await dossiers.TrackingSheetAsync(new DossierId(id), http.RequestAborted),
            new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/track"));
        await log.ViewedAsync(ApiHttp.Caller(user).UserName, "view-paper:" + kind, dossier.Id, cancellationToken: http.RequestAborted);
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<Ok<List<PersonalDataAccessDto>>> AccessLogAsync(Guid id, DossierStore dossiers, PersonalDataLog log, WorkingCalendar calendar,
        HttpContext http)
    {
        await dossiers.DossierAsync(new DossierId(id), http.RequestAborted);
        return TypedResults.Ok((await log.OfDossierAsync(id, http.RequestAborted))
            .Select(a => new PersonalDataAccessDto(ApiHttp.Local(calendar, a.At), a.Actor, a.Action)).ToList());
    }

    public static DossierDocumentKind PaperKind(string kind) => kind switch
    {
        "receipt" => DossierDocumentKind.Receipt,
        "supplement-request" => DossierDocumentKind.SupplementRequest,
        "refusal" => DossierDocumentKind.Refusal,
        "refusal-to-receive" => DossierDocumentKind.RefusalToReceive,
        "apology" => DossierDocumentKind.Apology,
        "stop-notice" => DossierDocumentKind.StopNotice,
        "tracking-sheet" => DossierDocumentKind.TrackingSheet,
        _ => throw RuntimeException.Invalid("kind", "one of receipt, supplement-request, refusal-to-receive, refusal, apology, stop-notice, tracking-sheet"),
    };

    /// <summary>
    /// Every dossier, whatever its channel (counter, post, online), is received by a real branch whose staff then take its
    /// branch steps: a reception clerk receives at their own branch; the supervisor names the branch. Anyone else is refused.
    /// </summary>
    private static string? ReceivingBranch(StaffMember caller, string? requested, Dictionary<string, string[]> errors)
    {
        if (caller.SeesAllAgencies)
        {
            if (requested is null)
            {
                errors["branchCode"] = ["the branch that receives the dossier is required / cần nêu chi nhánh tiếp nhận"];
            }
            return requested;
        }
        if (caller.BranchCode is null || !caller.JobRoles.Contains(StaffMember.ReceptionClerk))
        {
            throw new ApiRefusal(StatusCodes.Status403Forbidden, "not-a-reception-desk",
                "only the reception clerks of a branch receive dossiers / chỉ công chức tiếp nhận của chi nhánh được tiếp nhận hồ sơ");
        }
        if (requested is not null && requested != caller.BranchCode)
        {
            errors["branchCode"] = ["a clerk receives at their own branch / công chức tiếp nhận tại chi nhánh của mình"];
        }
        return caller.BranchCode;
    }

    private static async Task<Ok<ReceptionDto>> ReviewAsync(Guid id, OnlineReviewRequest? body, DossierStore dossiers, ReceiveDossier reception, WorkingCalendar calendar,
        ClaimsPrincipal user, HttpContext http)
    {
        var caller = ApiHttp.Caller(user);
        var submitted = await Scoped(dossiers.DossierAsync(new DossierId(id), http.RequestAborted), user);
        if (!caller.SeesAllAgencies && !caller.JobRoles.Contains(StaffMember.ReceptionClerk))
        {
            throw new ApiRefusal(StatusCodes.Status403Forbidden, "not-a-reception-desk",
                $"dossier {submitted.Id} is reviewed by the reception clerks of branch {submitted.BranchCode} / hồ sơ do bộ phận tiếp nhận xem xét");
        }
        var outcome = await reception.ReviewOnlineAsync(new DossierId(id), caller.UserName, http.RequestAborted,
            body is null ? null : new OnlineReview(body.Decision ?? OnlineReview.Accept, body.Items));
        return TypedResults.Ok(DossierMapping.Reception(outcome, calendar, http));
    }

    private static Task<Ok<DossierDto>> SupplementAsync(Guid id, SupplementRequest body, DossierStore dossiers, SupplementDossier supplement, ProcedureCatalog catalog,
        WorkingCalendar calendar, TimeProvider clock, ClaimsPrincipal user, HttpContext http) =>
        CommandAsync(id, dossiers, catalog, calendar, clock, user, http, caller =>
        {
            if (body.Documents is not { Count: > 0 and <= 200 } documents || documents.Any(d => string.IsNullOrWhiteSpace(d?.Id)))
            {
                throw RuntimeException.Invalid("documents", "list the documents brought (1 to 200, each with its id)");
            }
            return supplement.DeliverAsync(new DossierId(id), documents.Select(d => new PresentedDocument(d.Id!.Trim(), d.Copies ?? 1, d.Pages ?? 0,
                d.FromNationalDatabase ?? false)).ToList(), caller.UserName, http.RequestAborted);
        });

    /// <summary>Idempotent: a repeat with the same Idempotency-Key answers as the first, before If-Match is compared with a revision the first one moved.</summary>
    private static async Task<Ok<DossierDto>> PaymentAsync(Guid id, PaymentRequest body, RecordPayment payments, ProcedureCatalog catalog, WorkingCalendar calendar,
        TimeProvider clock, ClaimsPrincipal user, HttpContext http)
    {
        var caller = ApiHttp.Caller(user);
        var paid = await payments.RecordAsync(new DossierId(id), body.Channel ?? "", caller.UserName, ApiHttp.IdempotencyKey(http.Request), dossier =>
        {
            ApiHttp.CheckScope(caller, dossier.AgencyCode, dossier.BranchCode);
            ApiHttp.CheckIfMatch(http.Request, dossier.Revision);
        }, http.RequestAborted);
        return Show(paid, catalog, calendar, clock, http);
    }

    private static Task<Ok<DossierDto>> WithdrawAsync(Guid id, ReasonRequest body, DossierStore dossiers, EndDossier end, ProcedureCatalog catalog, WorkingCalendar calendar,
        TimeProvider clock, ClaimsPrincipal user, HttpContext http) =>
        CommandAsync(id, dossiers, catalog, calendar, clock, user, http, caller => end.WithdrawAsync(new DossierId(id), body.Reason ?? "", caller.UserName, http.RequestAborted));

    private static Task<Ok<DossierDto>> CancelAsync(Guid id, ReasonRequest body, DossierStore dossiers, EndDossier end, ProcedureCatalog catalog, WorkingCalendar calendar,
        TimeProvider clock, ClaimsPrincipal user, HttpContext http) =>
        CommandAsync(id, dossiers, catalog, calendar, clock, user, http, caller => end.StopAsync(new DossierId(id), body.Reason ?? "", caller.UserName, http.RequestAborted));

    private static Task<Ok<DossierDto>> ApologyAsync(Guid id, ApologyRequest body, DossierStore dossiers, ApologizeForDelay apology, ProcedureCatalog catalog, WorkingCalendar calendar,
        TimeProvider clock, ClaimsPrincipal user, HttpContext http) =>
        CommandAsync(id, dossiers, catalog, calendar, clock, user, http, caller => ApiDates.Check("newAppointment", body.NewAppointment) is { } at
            ? apology.ApologizeAsync(new DossierId(id), body.Reason ?? "", at, caller.UserName, http.RequestAborted)
            : throw RuntimeException.Invalid("newAppointment", "the new appointment (ISO 8601 with offset) is required"));

    private static Task<Ok<DossierDto>> SupplementOverrideAsync(Guid id, ReasonRequest body, DossierStore dossiers, AllowFurtherSupplement allow, ProcedureCatalog catalog,
        WorkingCalendar calendar, TimeProvider clock, ClaimsPrincipal user, HttpContext http) =>
        CommandAsync(id, dossiers, catalog, calendar, clock, user, http, caller => allow.AllowAsync(new DossierId(id), body.Reason ?? "", caller.UserName, http.RequestAborted));

    /// <summary>Scope and If-Match checked first; the command; then the dossier as it now stands, with its new ETag.</summary>
    private static async Task<Ok<DossierDto>> CommandAsync(Guid id, DossierStore dossiers, ProcedureCatalog catalog, WorkingCalendar calendar, TimeProvider clock,
        ClaimsPrincipal user, HttpContext http, Func<StaffMember, Task<DossierRecord>> command)
    {
        var current = await Scoped(dossiers.DossierAsync(new DossierId(id), http.RequestAborted), user);
        ApiHttp.CheckIfMatch(http.Request, current.Revision);
        return Show(await command(ApiHttp.Caller(user)), catalog, calendar, clock, http);
    }

    private static async Task<DossierRecord> Scoped(Task<DossierRecord> load, ClaimsPrincipal user)
    {
        var dossier = await load;
        ApiHttp.CheckScope(ApiHttp.Caller(user), dossier.AgencyCode, dossier.BranchCode);
        return dossier;
    }

    private static Ok<DossierDto> Show(DossierRecord dossier, ProcedureCatalog catalog, WorkingCalendar calendar, TimeProvider clock, HttpContext http)
    {
        http.Response.Headers.ETag = ApiHttp.ETag(dossier.Revision);
        return TypedResults.Ok(DossierMapping.Dossier(dossier, catalog, calendar, http, clock.GetUtcNow().UtcDateTime));
    }

    private static T Parse<T>(string text, string field, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }
        errors[field] = [$"one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}"];
        return default;
    }
}
