using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Citizens;
using PublicWorkflow.OneStop.Documents;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Payments;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Api;

/// <summary>Sign-up: an e-mail address or phone number, a password of at least 8 characters, the full name, vi or en.</summary>
public sealed record CitizenSignUpRequest(string? Contact, string? Password, string? FullName, string? Language);

/// <summary>The code sent to the contact.</summary>
public sealed record CitizenCodeRequest(string? Contact, string? Code);

public sealed record CitizenSignInRequest(string? Contact, string? Password);

public sealed record CitizenContactRequest(string? Contact);

public sealed record CitizenResetRequest(string? Contact, string? Code, string? NewPassword);

public sealed record LanguageRequest(string? Language);

/// <summary>The signed-in citizen. The personal ID number is shown masked: the account page is no place to read it whole.</summary>
public sealed record CitizenMeDto(string FullName, string? Email, string? Phone, bool PersonalIdVerified, string? PersonalIdMasked, string Language, bool CanLinkIdentity);

/// <summary>Which external sign-in the portal offers.</summary>
public sealed record CitizenProvidersDto(bool External, string? ExternalName, bool ExternalIsStandIn);

/// <summary>An online filing: the procedure, the receiving point, the locality its competence asks for, the documents, how to get the result.</summary>
public sealed record PortalFilingRequest(string? ProcedureCode, string? BranchCode, string? Locality, string? Delivery, List<PortalDocumentDto>? Documents,
    string? Phone, string? Email, string? Address, List<string>? NotifyBy, string? IdNumber, int? Copies);

public sealed record PortalDocumentDto(string? Id, Guid? ReusedFileId, bool? FromNationalDatabase);

/// <summary>A dossier in the citizen's list.</summary>
public sealed record CitizenDossierSummaryDto(Guid Id, string? Code, string ProcedureCode, string? ProcedureName, int Status, string StatusName,
    DateTimeOffset? ReceivedAt, DateTimeOffset? Appointment, bool ActionNeeded);

/// <summary>The citizen's own dossier in full: what to do next is in the <c>can…</c> flags.</summary>
public sealed record CitizenDossierDto(Guid Id, string? Code, string? LookupKey, string ProcedureCode, string? ProcedureName, int Status, string StatusName,
    string? CurrentStep, string? Agency, DateTimeOffset? ReceivedAt, DateTimeOffset? Appointment, IReadOnlyList<string> Missing, IReadOnlyList<string> MissingDocuments,
    IReadOnlyList<string> RefusalReasons, string Delivery, decimal? Fee, DateTimeOffset? FeePaidAt, string? PaymentReference, bool PaymentIsSimulated,
    ResultDto? Result, int? Rating, IReadOnlyList<HandoverDto> TrackingSheet, IReadOnlyList<CitizenFileDto> Files, IReadOnlyList<string> Papers,
    bool CanUpload, bool CanSupplement, bool CanWithdraw, bool CanPay, bool CanRate, bool CanSurvey);

public sealed record CitizenFileDto(Guid Id, string Component, string FileName, string ContentType, long Size, DateTimeOffset? AddedAt);

/// <summary>
/// The citizen's portal API: accounts (sign-up, verification, sign-in, reset, the national identity provider) and the
/// citizen's own dossiers. Signed in with the citizen cookie, never the staff one; another's dossier is 404 as if it did not exist.
/// </summary>
public static class CitizenApi
{
    public static IEndpointRouteBuilder MapCitizenApi(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/v1/citizen/auth").WithTags("Citizens").AllowAnonymous().RequireRateLimiting(Hosting.RateLimits.SignIn)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesValidationProblem();
        auth.MapPost("/sign-up", SignUpAsync).WithSummary("Sign up with an e-mail or phone and a password; a code is sent there / Đăng ký tài khoản").Produces(StatusCodes.Status202Accepted);
        auth.MapPost("/verify", VerifyAsync).WithSummary("Verify the contact with the code sent; signs in / Xác minh tài khoản");
        auth.MapPost("/sign-in", SignInAsync).WithSummary("Sign in / Đăng nhập").Produces<CitizenMeDto>().ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/reset-request", ResetRequestAsync).WithSummary("Send a password reset code / Quên mật khẩu").Produces(StatusCodes.Status202Accepted);
        auth.MapPost("/reset", ResetAsync).WithSummary("Set a new password with the code; every session ends / Đặt lại mật khẩu");
        // Read on every portal load: the public limit, not the sign-in one.
        var open = routes.MapGroup("/api/v1/citizen/auth").WithTags("Citizens").AllowAnonymous().RequireRateLimiting(PublicApi.RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        open.MapGet("/session", SessionAsync).WithSummary("Whether a citizen is signed in: their account, or 204 / Phiên đăng nhập")
            .Produces<CitizenMeDto>().Produces(StatusCodes.Status204NoContent);
        open.MapGet("/providers", Providers).WithSummary("The external sign-in offered (the national identity) / Đăng nhập bằng định danh điện tử");
        open.MapGet("/external", External)
            .WithSummary("Start the sign-in through the national identity provider (?returnUrl= a local path); signed in, it binds the account / Đăng nhập VNeID")
            .Produces(StatusCodes.Status302Found).ProducesProblem(StatusCodes.Status404NotFound);

        var me = routes.MapGroup("/api/v1/citizen").WithTags("Citizens").RequireAuthorization(CitizenSecurity.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPost("/auth/sign-out", SignOutAsync).WithSummary("Sign out: this session ends on the server / Đăng xuất");
        me.MapGet("/me", MeAsync).WithSummary("My account / Tài khoản của tôi");
        me.MapPut("/me/language", LanguageAsync).WithSummary("My language for the portal and messages (vi, en) / Ngôn ngữ").ProducesValidationProblem();
        me.MapGet("/data-store", DataStoreAsync).WithSummary("What my data store holds for a procedure (?procedure=), needs my personal ID verified / Kho dữ liệu của tôi");
        me.MapPost("/dossiers", FileAsync).WithSummary("File a dossier online, any hour; it waits for the point's review / Nộp hồ sơ trực tuyến").ProducesValidationProblem();
        me.MapGet("/dossiers", MineAsync).WithSummary("My dossiers / Hồ sơ của tôi");
        me.MapGet("/dossiers/{id:guid}", OneAsync).WithSummary("One of my dossiers in full / Chi tiết hồ sơ");
        me.MapPost("/dossiers/{id:guid}/files", UploadAsync).DisableAntiforgery()
            .WithSummary("Upload a document (?component=; multipart field file) while the filing awaits review or a supplement is asked / Tải lên tài liệu")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        me.MapGet("/dossiers/{id:guid}/files/{fileId:guid}", OpenFileAsync).WithSummary("View or download (?download=true) my file or my result / Xem, tải tệp")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf", "image/jpeg", "image/png", "image/tiff");
        me.MapGet("/dossiers/{id:guid}/papers/{kind}", PaperAsync).WithSummary("A paper of my dossier as printable HTML (receipt, supplement-request…) / Phiếu")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        me.MapPost("/dossiers/{id:guid}/supplement", SupplementAsync).WithSummary("Hand in what was asked for (uploaded first); the clock resumes / Nộp bổ sung");
        me.MapPost("/dossiers/{id:guid}/withdraw", WithdrawAsync).WithSummary("Withdraw my dossier, with the reason / Rút hồ sơ").ProducesValidationProblem();
        me.MapPost("/dossiers/{id:guid}/payment", PayAsync).WithSummary("Pay the fee online through the payment gateway / Thanh toán trực tuyến");
        me.MapPost("/dossiers/{id:guid}/rating", RateAsync).WithSummary("Rate the service once, after the result is returned / Đánh giá").ProducesValidationProblem();
        return routes;
    }

    private static async Task<Accepted> SignUpAsync(CitizenSignUpRequest body, CitizenAccounts accounts, HttpContext http)
    {
        await accounts.SignUpAsync(body.Contact, body.Password, body.FullName, body.Language, http.RequestAborted);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Ok<CitizenMeDto>> VerifyAsync(CitizenCodeRequest body, CitizenAccounts accounts, CitizenOptions options, HttpContext http)
    {
        var signIn = await accounts.VerifyAsync(body.Contact, body.Code, TimeSpan.FromHours(options.SessionHours), http.RequestAborted);
        await http.SignInAsync(CitizenSecurity.Scheme, CitizenMember.Principal(signIn));
        return TypedResults.Ok(Me(signIn.Account, options));
    }

    private static async Task<IResult> SignInAsync(CitizenSignInRequest body, CitizenAccounts accounts, CitizenOptions options, HttpContext http)
    {
        if (string.IsNullOrEmpty(body.Password) || body.Password.Length > 200)
        {
            throw RuntimeException.Invalid("password", "the password is required / cần mật khẩu");
        }
        var signIn = await accounts.SignInAsync(body.Contact, body.Password, TimeSpan.FromHours(options.SessionHours), http.RequestAborted);
        if (signIn is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: ApiText.Of(http, "Sai thông tin đăng nhập hoặc mật khẩu", "Wrong contact or password"),
                detail: ApiText.Of(http, "Sau nhiều lần nhập sai, tài khoản bị tạm khóa trong ít phút.", "After repeated wrong passwords the account is locked for a few minutes."));
        }
        await http.SignInAsync(CitizenSecurity.Scheme, CitizenMember.Principal(signIn));
        return TypedResults.Ok(Me(signIn.Account, options));
    }

    private static async Task<Accepted> ResetRequestAsync(CitizenContactRequest body, CitizenAccounts accounts, HttpContext http)
    {
        await accounts.RequestResetAsync(body.Contact, http.RequestAborted);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<NoContent> ResetAsync(CitizenResetRequest body, CitizenAccounts accounts, HttpContext http)
    {
        await accounts.ResetAsync(body.Contact, body.Code, body.NewPassword, http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>The portal's first question, answered without a 401 in the browser's console when nobody is signed in.</summary>
    private static async Task<IResult> SessionAsync(CitizenAccounts accounts, CitizenOptions options, HttpContext http)
    {
        var signedIn = await http.AuthenticateAsync(CitizenSecurity.Scheme);
        return signedIn.Principal?.Identity?.IsAuthenticated == true && signedIn.Principal.IsInRole(CitizenMember.Role)
            ? TypedResults.Ok(Me(await accounts.AccountAsync(CitizenMember.From(signedIn.Principal).AccountId, http.RequestAborted), options))
            : TypedResults.NoContent();
    }

    private static Ok<CitizenProvidersDto> Providers(CitizenOptions options) =>
        TypedResults.Ok(new CitizenProvidersDto(options.Identity.Enabled, options.Identity.Enabled ? options.Identity.DisplayName : null, options.Identity.StandIn));

    private static IResult External(string? returnUrl, CitizenOptions options)
    {
        if (!options.Identity.Enabled)
        {
            throw RuntimeException.NotFound("identity provider", "external");
        }
        // Only a local path: the sign-in never sends the citizen on to another site.
        var target = returnUrl is { Length: > 0 and <= 500 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\')
            ? url
            : "/portal/";
        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = target }, [CitizenSecurity.ExternalScheme]);
    }

    private static async Task<NoContent> SignOutAsync(OneStop.Staff.StaffSessions sessions, ClaimsPrincipal user, HttpContext http)
    {
        await sessions.RevokeAsync(user.FindFirstValue(StaffMember.SessionClaim), http.RequestAborted);
        await http.SignOutAsync(CitizenSecurity.Scheme);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<CitizenMeDto>> MeAsync(CitizenAccounts accounts, CitizenOptions options, ClaimsPrincipal user, HttpContext http) =>
        TypedResults.Ok(Me(await accounts.AccountAsync(CitizenMember.From(user).AccountId, http.RequestAborted), options));

    private static async Task<NoContent> LanguageAsync(LanguageRequest body, CitizenAccounts accounts, ClaimsPrincipal user, HttpContext http)
    {
        await accounts.SetLanguageAsync(CitizenMember.From(user).AccountId, body.Language, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<ReuseOfferDto>>> DataStoreAsync(string? procedure, CitizenAccounts accounts, CitizenDataStore store, ProcedureCatalog catalog,
        WorkingCalendar calendar, TimeProvider clock, ClaimsPrincipal user, HttpContext http)
    {
        var account = await accounts.AccountAsync(CitizenMember.From(user).AccountId, http.RequestAborted);
        var wanted = (procedure is null ? null : catalog.Find(procedure)) ?? throw RuntimeException.Invalid("procedure", "the procedure (?procedure=national code) / cần mã thủ tục");
        if (account.PersonalId is null)
        {
            return TypedResults.Ok(new List<ReuseOfferDto>());
        }
        var offers = await store.OffersAsync(account.PersonalId, wanted, clock.GetUtcNow(), http.RequestAborted);
        return TypedResults.Ok(offers.Select(o => new ReuseOfferDto(o.Component, o.Kind, o.FileId, o.ResultNumber, o.FromDossier, o.FromProcedure,
            ApiHttp.Local(calendar, o.Since))).ToList());
    }

    private static async Task<Created<ReceptionDto>> FileAsync(PortalFilingRequest body, CitizenDossiers dossiers, WorkingCalendar calendar, ClaimsPrincipal user,
        HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(body.ProcedureCode))
        {
            throw RuntimeException.Invalid("procedureCode", "choose a procedure / hãy chọn thủ tục");
        }
        if (!Enum.TryParse<DeliveryOption>(body.Delivery ?? "", ignoreCase: true, out var delivery) || int.TryParse(body.Delivery, out _))
        {
            throw RuntimeException.Invalid("delivery", "online, branch or post / trực tuyến, tại điểm tiếp nhận hoặc qua bưu chính");
        }
        if (body.Documents is not { Count: <= 200 } documents || documents.Any(d => string.IsNullOrWhiteSpace(d?.Id)))
        {
            throw RuntimeException.Invalid("documents", "list the documents (each with its id; at most 200) / cần danh sách tài liệu");
        }
        var filing = new PortalFiling(body.ProcedureCode.Trim(), body.BranchCode, body.Locality, delivery,
            documents.Select(d => new PortalDocument(d.Id!.Trim(), d.ReusedFileId, d.FromNationalDatabase ?? false)).ToList(),
            body.Phone, body.Email, body.Address, body.NotifyBy, body.IdNumber, body.Copies ?? 1);
        var outcome = await dossiers.FileAsync(CitizenMember.From(user).AccountId, filing, ApiHttp.IdempotencyKey(http.Request), http.RequestAborted);
        return TypedResults.Created($"/api/v1/citizen/dossiers/{outcome.DossierId}", DossierMapping.Reception(outcome, calendar, http));
    }

    private static async Task<Ok<List<CitizenDossierSummaryDto>>> MineAsync(CitizenDossiers dossiers, ProcedureCatalog catalog, WorkingCalendar calendar,
        ClaimsPrincipal user, HttpContext http)
    {
        var language = DossierMapping.Language(http);
        return TypedResults.Ok((await dossiers.MineAsync(CitizenMember.From(user).AccountId, http.RequestAborted)).Select(d => new CitizenDossierSummaryDto(
            d.Id, d.Code, d.ProcedureCode, catalog.Find(d.ProcedureCode)?.Name.In(language), (int)d.Status, DossierStatuses.Name(d.Status).In(language),
            ApiHttp.Local(calendar, d.ReceivedAt), ApiHttp.Local(calendar, d.AppointmentAt),
            d.Status is DossierStatus.SupplementRequested or DossierStatus.Guided || d.Status == DossierStatus.Returned && d.RatedAt is null
                || d.FeeAmount > 0 && d.FeePaidAt is null && d.Code is not null && !DossierStatuses.IsClosed(d.Status))).ToList());
    }

    private static async Task<Ok<CitizenDossierDto>> OneAsync(Guid id, CitizenDossiers dossiers, DossierStore store, DossierFiles files, ProcedureCatalog catalog,
        WorkingCalendar calendar, OneStop.Feedback.Surveys surveys, ClaimsPrincipal user, HttpContext http)
    {
        var account = CitizenMember.From(user).AccountId;
        var d = await dossiers.OwnAsync(account, new DossierId(id), http.RequestAborted);
        var language = DossierMapping.Language(http);
        var procedure = catalog.Find(d.ProcedureCode);
        var step = d.Code is null ? null : (await store.PublicViewAsync(d.Code, d.LookupKey, http.RequestAborted)).CurrentStep;
        var result = await files.ResultAsync(new DossierId(id), http.RequestAborted);
        var kept = await dossiers.FilesAsync(account, new DossierId(id), http.RequestAborted);
        var sheet = await dossiers.TrackingSheetAsync(account, d, http.RequestAborted);
        var missingIds = d.Status == DossierStatus.SupplementRequested || d.Status == DossierStatus.Guided
            ? System.Text.Json.JsonSerializer.Deserialize<List<string>>(d.MissingDocumentsJson ?? "[]") ?? []
            : [];
        var open = !DossierStatuses.IsClosed(d.Status) && d.Status != DossierStatus.Withdrawn;
        return TypedResults.Ok(new CitizenDossierDto(d.Id, d.Code, d.LookupKey is null ? null : LookupKeys.Format(d.LookupKey), d.ProcedureCode,
            procedure?.Name.In(language), (int)d.Status, DossierStatuses.Name(d.Status).In(language), step,
            d.AgencyCode is null ? null : catalog.Structure.AgencyEver(d.AgencyCode)?.Name.In(language), ApiHttp.Local(calendar, d.ReceivedAt),
            ApiHttp.Local(calendar, d.AppointmentAt), CitizenDossiers.Missing(d), missingIds,
            d.Status == DossierStatus.NotAccepted || d.Outcome == DossierOutcome.Refused ? Strings(d.RefusalReasons) : [], d.Delivery, d.FeeAmount,
            ApiHttp.Local(calendar, d.FeePaidAt), d.PaymentReference, d.PaymentReference?.StartsWith(FakePaymentGateway.ReferencePrefix, StringComparison.Ordinal) == true,
            result is null ? null : new ResultDto(result.Number, ApiHttp.Local(calendar, result.IssuedAt), result.SignerName, result.SignerTitle, result.FileId),
            d.Rating, sheet.Select(h => DossierMapping.Handover(h, calendar)).ToList(),
            kept.Select(f => new CitizenFileDto(f.Id, f.Component, f.FileName, f.ContentType, f.Size, ApiHttp.Local(calendar, f.AddedAt))).ToList(),
            Papers(d),
            d.Status is DossierStatus.Submitted or DossierStatus.SupplementRequested, d.Status == DossierStatus.SupplementRequested,
            open && d.Status != DossierStatus.Resolved, open && d.Code is not null && d.FeeAmount > 0 && d.FeePaidAt is null,
            d.Status == DossierStatus.Returned && d.RatedAt is null, d.Code is not null && await surveys.OpenForAsync(d.Code, http.RequestAborted)));
    }

    /// <summary>The papers this dossier has had, by kind (the same papers the counter prints).</summary>
    private static List<string> Papers(DossierRecord d)
    {
        var papers = new List<string>();
        if (d.Code is not null)
        {
            papers.Add("receipt");
            papers.Add("tracking-sheet");
        }
        if (d.Status == DossierStatus.Guided || d.SupplementRequests > 0)
        {
            papers.Add("supplement-request");
        }
        if (d.Status == DossierStatus.NotAccepted)
        {
            papers.Add("refusal-to-receive");
        }
        if (d.Outcome == DossierOutcome.Refused)
        {
            papers.Add("refusal");
        }
        if (d.ApologizedAt is not null)
        {
            papers.Add("apology");
        }
        if (d.Status == DossierStatus.Stopped && d.CaseId is not null)
        {
            papers.Add("stop-notice");
        }
        return papers;
    }

    private static async Task<Created<CitizenFileDto>> UploadAsync(Guid id, string? component, CitizenDossiers dossiers, DocumentOptions options, WorkingCalendar calendar,
        ClaimsPrincipal user, HttpContext http)
    {
        var account = CitizenMember.From(user).AccountId;
        // Ownership first: a stranger's upload is refused before a byte of it is read.
        await dossiers.OwnAsync(account, new DossierId(id), http.RequestAborted);
        if (string.IsNullOrWhiteSpace(component) || component.Length > 60)
        {
            throw RuntimeException.Invalid("component", "the document (?component=) the file is for / cần nêu tài liệu");
        }
        var file = await Uploads.WithFileAsync(http.Request, options.MaxFileBytes,
            (name, content) => dossiers.UploadAsync(account, new DossierId(id), component, name, content, http.RequestAborted));
        return TypedResults.Created($"/api/v1/citizen/dossiers/{id}/files/{file.Id}",
            new CitizenFileDto(file.Id, file.Component, file.FileName, file.ContentType, file.Size, ApiHttp.Local(calendar, file.AddedAt)));
    }

    private static async Task<IResult> OpenFileAsync(Guid id, Guid fileId, bool? download, CitizenDossiers dossiers, ClaimsPrincipal user, HttpContext http)
    {
        var (file, content) = await dossiers.OpenAsync(CitizenMember.From(user).AccountId, new DossierId(id), fileId, download == true, http.RequestAborted);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
        return download == true ? TypedResults.Stream(content, file.ContentType, file.FileName) : TypedResults.Stream(content, file.ContentType);
    }

    private static async Task<ContentHttpResult> PaperAsync(Guid id, string kind, CitizenDossiers dossiers, DossierStore store, DossierDocuments papers,
        ClaimsPrincipal user, HttpContext http)
    {
        var dossier = await dossiers.OwnAsync(CitizenMember.From(user).AccountId, new DossierId(id), http.RequestAborted);
        if (!Papers(dossier).Contains(kind))
        {
            throw RuntimeException.NotFound("paper", kind);
        }
        var html = papers.Render(DossiersApi.PaperKind(kind), dossier, await store.TrackingSheetAsync(new DossierId(id), http.RequestAborted),
            new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/track"));
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static Task<Ok<CitizenDossierDto>> SupplementAsync(Guid id, CitizenDossiers dossiers, DossierStore store, DossierFiles files, ProcedureCatalog catalog,
        WorkingCalendar calendar, OneStop.Feedback.Surveys surveys, ClaimsPrincipal user, HttpContext http) =>
        ThenShowAsync(id, dossiers, store, files, catalog, calendar, surveys, user, http, account => dossiers.SupplementAsync(account, new DossierId(id), http.RequestAborted));

    private static Task<Ok<CitizenDossierDto>> WithdrawAsync(Guid id, ReasonRequest body, CitizenDossiers dossiers, DossierStore store, DossierFiles files,
        ProcedureCatalog catalog, WorkingCalendar calendar, OneStop.Feedback.Surveys surveys, ClaimsPrincipal user, HttpContext http) =>
        ThenShowAsync(id, dossiers, store, files, catalog, calendar, surveys, user, http, account => dossiers.WithdrawAsync(account, new DossierId(id), body.Reason, http.RequestAborted));

    private static Task<Ok<CitizenDossierDto>> PayAsync(Guid id, CitizenDossiers dossiers, DossierStore store, DossierFiles files, ProcedureCatalog catalog,
        WorkingCalendar calendar, OneStop.Feedback.Surveys surveys, ClaimsPrincipal user, HttpContext http) =>
        ThenShowAsync(id, dossiers, store, files, catalog, calendar, surveys, user, http,
            account => dossiers.PayAsync(account, new DossierId(id), ApiHttp.IdempotencyKey(http.Request), http.RequestAborted));

    private static Task<Ok<CitizenDossierDto>> RateAsync(Guid id, RatingRequest body, CitizenDossiers dossiers, DossierStore store, DossierFiles files,
        ProcedureCatalog catalog, WorkingCalendar calendar, OneStop.Feedback.Surveys surveys, ClaimsPrincipal user, HttpContext http) =>
        ThenShowAsync(id, dossiers, store, files, catalog, calendar, surveys, user, http,
            account => dossiers.RateAsync(account, new DossierId(id), body.Rating ?? 0, body.Comment, http.RequestAborted));

    private static async Task<Ok<CitizenDossierDto>> ThenShowAsync(Guid id, CitizenDossiers dossiers, DossierStore store, DossierFiles files, ProcedureCatalog catalog,
        WorkingCalendar calendar, OneStop.Feedback.Surveys surveys, ClaimsPrincipal user, HttpContext http, Func<Guid, Task<DossierRecord>> command)
    {
        await command(CitizenMember.From(user).AccountId);
        return await OneAsync(id, dossiers, store, files, catalog, calendar, surveys, user, http);
    }

    private static CitizenMeDto Me(CitizenAccountRecord a, CitizenOptions options) =>
        new(a.FullName, a.Email, a.Phone, a.PersonalId is not null, a.PersonalId is { Length: > 4 } id ? new string('•', id.Length - 4) + id[^4..] : null, a.Language,
            options.Identity.Enabled && a.PersonalId is null);

    private static IReadOnlyList<string> Strings(string? json) => json is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
