using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Documents;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Results;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Api;

/// <summary>A file of a dossier as staff see it.</summary>
public sealed record FileDto(Guid Id, string Component, string FileName, string ContentType, long Size, string Sha256, int? Pages, string Source,
    string AddedBy, DateTimeOffset? AddedAt, DateTimeOffset? RetractedAt, string? RetractedBy, string? RetractionReason);

/// <summary>A dossier's files and the required components still without one (what the clerk must scan).</summary>
public sealed record DossierFilesDto(IReadOnlyList<FileDto> Files, IReadOnlyList<string> Missing, bool Digitized, ResultDto? Result);

/// <summary>The dossier's signed electronic result.</summary>
public sealed record ResultDto(string Number, DateTimeOffset? IssuedAt, string SignerName, string SignerTitle, Guid FileId);

/// <summary>A file of the citizen's data store that can stand in for a document of the procedure.</summary>
public sealed record ReuseOfferDto(string Component, string Kind, Guid FileId, string? ResultNumber, string? FromDossier, string FromProcedure, DateTimeOffset? Since);

/// <summary>A message to the applicant and whether it reached the e-mail server or SMS gateway.</summary>
public sealed record MessageDto(string Event, string Channel, string Address, string Subject, string Status, int Attempts, string? LastError,
    DateTimeOffset? CreatedAt, DateTimeOffset? SentAt);

/// <summary>The last integrity check of the kept files.</summary>
public sealed record FileCheckDto(DateTimeOffset? CheckedAt, int Files, int Missing, int Altered, IReadOnlyList<string> Problems);

/// <summary>
/// The electronic dossier for staff: upload a component's file (multipart, streamed), list, view inline or download
/// (audited), retract with a reason; and the supervisor's integrity check. Scoped like the dossier itself.
/// </summary>
public static class FilesApi
{
    public static IEndpointRouteBuilder MapFilesApi(this IEndpointRouteBuilder routes)
    {
        var files = routes.MapGroup("/api/v1/dossiers/{id:guid}/files").WithTags("Dossiers").RequireAuthorization(StaffRoles.Policies.CaseWork)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        files.MapPost("/", UploadAsync).DisableAntiforgery()
            .WithSummary("Upload a component's file (?component=document id; multipart/form-data, field file; PDF, JPEG, PNG or TIFF by content) / Tải lên tệp thành phần hồ sơ")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        files.MapGet("/", ListAsync).WithSummary("The dossier's files, what is still to scan, and its result / Tệp của hồ sơ");
        files.MapGet("/{fileId:guid}", OpenAsync).WithSummary("View a file inline, or ?download=true to download it (audited) / Xem, tải tệp")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf", "image/jpeg", "image/png", "image/tiff")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        routes.MapGet("/api/v1/dossiers/{id:guid}/messages", MessagesAsync).WithTags("Dossiers").RequireAuthorization(StaffRoles.Policies.CaseWork)
            .WithSummary("What was sent to the applicant (e-mail, SMS) and whether it arrived / Tin nhắn đã gửi công dân")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        files.MapPost("/{fileId:guid}/retract", RetractAsync).WithSummary("Retract a file with the reason; it is kept and listed / Thu hồi tệp");

        routes.MapGet("/api/v1/citizens/{idNumber}/offers", OffersAsync).WithTags("Dossiers").RequireAuthorization(StaffRoles.Policies.CaseWork)
            .WithSummary("Ask only once: what the citizen's data store holds that can stand in for the procedure's documents (?procedure=); reception clerks and the supervisor / Dữ liệu dùng lại")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem();

        var checks = routes.MapGroup("/api/v1/supervision/file-checks").WithTags("Supervision").RequireAuthorization(StaffRoles.Policies.Supervise)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        checks.MapGet("/", LastCheckAsync).WithSummary("The last integrity check of the kept files / Kiểm tra toàn vẹn tệp");
        checks.MapPost("/", CheckNowAsync).WithSummary("Read every kept file back now and compare its hash / Kiểm tra ngay");
        return routes;
    }

    private static async Task<Created<FileDto>> UploadAsync(Guid id, string? component, DossierStore dossiers, DossierFiles files, DocumentOptions options,
        WorkingCalendar calendar, ClaimsPrincipal user, HttpContext http)
    {
        await ScopedAsync(id, dossiers, user, http);
        if (string.IsNullOrWhiteSpace(component) || component.Length > 60)
        {
            throw Runtime.RuntimeException.Invalid("component", "the component (a document id of the procedure, or other) is required / cần nêu thành phần hồ sơ");
        }
        var file = await Uploads.WithFileAsync(http.Request, options.MaxFileBytes,
            (name, content) => files.UploadAsync(new DossierId(id), component, name, content, ApiHttp.Caller(user).UserName, http.RequestAborted));
        return TypedResults.Created($"/api/v1/dossiers/{id}/files/{file.Id}", Dto(file, calendar));
    }

    private static async Task<Ok<DossierFilesDto>> ListAsync(Guid id, DossierStore dossiers, DossierFiles files, ProcedureCatalog catalog, WorkingCalendar calendar,
        ClaimsPrincipal user, HttpContext http)
    {
        var dossier = await ScopedAsync(id, dossiers, user, http);
        var kept = await files.ListAsync(new DossierId(id), http.RequestAborted);
        var result = await files.ResultAsync(new DossierId(id), http.RequestAborted);
        return TypedResults.Ok(new DossierFilesDto(kept.Select(f => Dto(f, calendar)).ToList(), DossierFiles.Missing(catalog.Find(dossier.ProcedureCode), dossier, kept),
            dossier.Digitized, result is null ? null : new ResultDto(result.Number, ApiHttp.Local(calendar, result.IssuedAt), result.SignerName, result.SignerTitle, result.FileId)));
    }

    private static async Task<IResult> OpenAsync(Guid id, Guid fileId, bool? download, DossierStore dossiers, DossierFiles files, ClaimsPrincipal user, HttpContext http)
    {
        await ScopedAsync(id, dossiers, user, http);
        var (file, content) = await files.OpenAsync(new DossierId(id), fileId, ApiHttp.Caller(user).UserName, download == true, http.RequestAborted);
        // A kept file is shown as what its bytes proved it is, never sniffed into a page of this site; an image may load nothing else.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (file.ContentType.StartsWith("image/", StringComparison.Ordinal))
        {
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
        }
        return download == true
            ? TypedResults.Stream(content, file.ContentType, file.FileName)
            : TypedResults.Stream(content, file.ContentType);
    }

    private static async Task<Ok<FileDto>> RetractAsync(Guid id, Guid fileId, ReasonRequest body, DossierStore dossiers, DossierFiles files, WorkingCalendar calendar,
        ClaimsPrincipal user, HttpContext http)
    {
        await ScopedAsync(id, dossiers, user, http);
        return TypedResults.Ok(Dto(await files.RetractAsync(new DossierId(id), fileId, body.Reason ?? "", ApiHttp.Caller(user).UserName, http.RequestAborted), calendar));
    }

    private static async Task<Ok<List<MessageDto>>> MessagesAsync(Guid id, DossierStore dossiers, OneStop.Messages.ApplicantMessages messages, WorkingCalendar calendar,
        OneStop.Staff.PersonalDataLog log, ClaimsPrincipal user, HttpContext http)
    {
        await ScopedAsync(id, dossiers, user, http);
        await log.ViewedAsync(ApiHttp.Caller(user).UserName, "view-messages", id, cancellationToken: http.RequestAborted);
        return TypedResults.Ok((await messages.OfDossierAsync(new DossierId(id), http.RequestAborted)).Select(m => new MessageDto(m.Event, m.Channel, m.Address, m.Subject,
            m.Status, m.Attempts, m.LastError, ApiHttp.Local(calendar, m.CreatedAt), ApiHttp.Local(calendar, m.SentAt))).ToList());
    }

    /// <summary>A citizen's history is personal data: only the desks that receive dossiers (and the supervisor) may look it up.</summary>
    private static async Task<Ok<List<ReuseOfferDto>>> OffersAsync(string idNumber, string? procedure, CitizenDataStore store, ProcedureCatalog catalog,
        WorkingCalendar calendar, TimeProvider clock, OneStop.Staff.PersonalDataLog log, ClaimsPrincipal user, HttpContext http)
    {
        var caller = ApiHttp.Caller(user);
        if (!caller.SeesAllAgencies && !caller.JobRoles.Contains(StaffMember.ReceptionClerk))
        {
            throw new ApiRefusal(StatusCodes.Status403Forbidden, "not-a-reception-desk", "only reception clerks look up a citizen's data store / chỉ bộ phận tiếp nhận");
        }
        var wanted = (procedure is null ? null : catalog.Find(procedure))
            ?? throw Runtime.RuntimeException.Invalid("procedure", "the procedure (?procedure=national code) the offers are for / cần mã thủ tục");
        if (!CitizenDataStore.IsIdNumber(idNumber))
        {
            throw Runtime.RuntimeException.Invalid("idNumber", "a personal ID number has 12 digits / số định danh gồm 12 chữ số");
        }
        var offers = await store.OffersAsync(idNumber, wanted, clock.GetUtcNow(), http.RequestAborted);
        await log.ViewedAsync(caller.UserName, "data-store", null, idNumber, http.RequestAborted);
        return TypedResults.Ok(offers.Select(o => new ReuseOfferDto(o.Component, o.Kind, o.FileId, o.ResultNumber, o.FromDossier, o.FromProcedure,
            ApiHttp.Local(calendar, o.Since))).ToList());
    }

    private static async Task<Ok<FileCheckDto>> LastCheckAsync(FileIntegrity integrity, WorkingCalendar calendar, HttpContext http) =>
        TypedResults.Ok(Check(await integrity.LastAsync(http.RequestAborted), calendar));

    private static async Task<Ok<FileCheckDto>> CheckNowAsync(FileIntegrity integrity, WorkingCalendar calendar, TimeProvider clock, HttpContext http) =>
        TypedResults.Ok(Check(await integrity.CheckAsync(clock.GetUtcNow(), http.RequestAborted), calendar));

    private static FileCheckDto Check(FileCheckRecord? check, WorkingCalendar calendar) => check is null
        ? new FileCheckDto(null, 0, 0, 0, [])
        : new FileCheckDto(ApiHttp.Local(calendar, check.CheckedAt), check.Files, check.Missing, check.Altered, check.Detail?.Split('\n') ?? []);

    private static async Task<DossierRecord> ScopedAsync(Guid id, DossierStore dossiers, ClaimsPrincipal user, HttpContext http)
    {
        var dossier = await dossiers.DossierAsync(new DossierId(id), http.RequestAborted);
        ApiHttp.CheckScope(ApiHttp.Caller(user), dossier.AgencyCode, dossier.BranchCode);
        return dossier;
    }

    private static FileDto Dto(DossierFileRecord f, WorkingCalendar calendar) =>
        new(f.Id, f.Component, f.FileName, f.ContentType, f.Size, f.Sha256, f.Pages, f.Source, f.AddedBy, ApiHttp.Local(calendar, f.AddedAt),
            ApiHttp.Local(calendar, f.RetractedAt), f.RetractedBy, f.RetractionReason);
}
