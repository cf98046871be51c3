using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Citizens;
using PublicWorkflow.OneStop.Feedback;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Staff;
using PublicWorkflow.Runtime;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Api;

/// <summary>A feedback item as its sender gives it; the dossier by its code and lookup key (both or neither); contact optional.</summary>
public sealed record FeedbackRequest(string? Subject, string? Text, string? DossierCode, string? DossierKey, FeedbackContactDto? Contact);

public sealed record FeedbackContactDto(string? Name, string? Email, string? Phone);

/// <summary>What staff record from a call or at the counter: the channel (hotline or counter) and the item.</summary>
public sealed record StaffFeedbackRequest(string? Channel, string? Subject, string? Text, string? DossierCode, string? DossierKey, FeedbackContactDto? Contact);

/// <summary>A partner's item: its own id (a repeat with the same id is the same item), and the item.</summary>
public sealed record PartnerFeedbackRequest(string? ItemId, string? Subject, string? Text, string? DossierCode, string? DossierKey, FeedbackContactDto? Contact);

/// <summary>The tracking code and the secret that opens it (keep both: the secret is not shown again).</summary>
public sealed record FeedbackReceiptDto(string Code, string Secret);

/// <summary>An item as its sender may see it with code and secret.</summary>
public sealed record PublicFeedbackDto(string Code, string Subject, string Status, string StatusName, string? Category, string? Agency, DateTimeOffset? ReceivedAt,
    DateTimeOffset? DueAt, string? MoreInfoRequest, string? RefusalReason, string? Answer, DateTimeOffset? PublishedAt, bool CanAddInformation, bool CanRate,
    int? Satisfaction, bool HasAttachment);

/// <summary>A published answer: the question as the hub published it, and the answer; no personal data.</summary>
public sealed record PublishedFeedbackDto(string Code, string? Category, string? Agency, string Question, string Answer, DateTimeOffset? PublishedAt);

/// <summary>An item as staff see it, with the sender's contact (personal data: each view is logged).</summary>
public sealed record StaffFeedbackDto(Guid Id, string Code, string Channel, string? Partner, string Subject, string Text, string Status, string? Category,
    string? AgencyCode, string? Agency, string? DossierCode, FeedbackContactDto? Contact, DateTimeOffset? ReceivedAt, string ReceivedBy, DateTimeOffset? DueAt,
    bool Overdue, bool Escalated, bool Late, int Repeats, string? MoreInfoRequest, string? RefusalReason, string? Answer, string? AnsweredBy,
    string? ApprovedBy, string? PublishedQuestion, DateTimeOffset? PublishedAt, int? Satisfaction, string? AttachmentName, Guid? CaseId);

public sealed record TextRequest(string? Text);

/// <summary>The survey of a returned dossier: a score 1–5 for each question id, and a comment.</summary>
public sealed record SurveyRequest(Dictionary<string, int>? Answers, string? Comment);

public sealed record SurveyDto(IReadOnlyList<SurveyQuestionDto> Questions, bool Verified, string? Note);

public sealed record SurveyQuestionDto(string Id, string Text);

/// <summary>
/// The Customer Support and Care hub's API: the public form and tracking, published answers and the survey (no sign-in,
/// rate-limited); the portal's signed-in form; staff intake from the hotline and the counter, lists and measures; partner
/// systems posting items with an HMAC signature or an API key, once per item id.
/// </summary>
public static class FeedbackApi
{
    public const int MaxPartnerBody = 64 * 1024;

    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder routes)
    {
        var open = routes.MapGroup("/api/v1/public").WithTags("Feedback").AllowAnonymous().RequireRateLimiting(PublicApi.RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        open.MapPost("/feedback", SubmitAsync).WithSummary("Send feedback or a recommendation, no sign-in: a tracking code and its secret come back / Gửi phản ánh, kiến nghị")
            .Produces<FeedbackReceiptDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        open.MapGet("/feedback", PublishedAsync).WithSummary("Published answers, newest first (?agency=&page=&pageSize=), no personal data / Trả lời đã công khai");
        open.MapGet("/feedback/{code}", TrackAsync).WithSummary("An item by its code and secret (?secret=) / Tra cứu phản ánh").ProducesProblem(StatusCodes.Status404NotFound);
        open.MapPost("/feedback/{code}/information", AddInformationAsync).WithSummary("Add the information the hub asked for (?secret=) / Bổ sung thông tin")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        open.MapPost("/feedback/{code}/attachment", AttachAsync).DisableAntiforgery()
            .WithSummary("Attach one file (?secret=; multipart field file; PDF, JPEG, PNG, TIFF; 10 MB) / Đính kèm tệp")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        open.MapPost("/feedback/{code}/rating", RateAsync).WithSummary("Rate the answer 1–5, once (?secret=) / Đánh giá câu trả lời")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        open.MapGet("/survey", Survey).WithSummary("The satisfaction survey's questions / Câu hỏi khảo sát");
        open.MapPost("/dossiers/{code}/survey", AnswerSurveyAsync).WithSummary("Answer the survey of a returned dossier once (?key= the lookup key) / Trả lời khảo sát")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        open.MapGet("/feedback-statistics", PublicMeasuresAsync)
            .WithSummary("The hub's measures for a period (?from=&to=, at most a year): received, on time, overdue, published, satisfaction / Thống kê phản ánh")
            .ProducesValidationProblem();

        var citizen = routes.MapGroup("/api/v1/citizen/feedback").WithTags("Feedback").RequireAuthorization(CitizenSecurity.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        citizen.MapPost("/", CitizenSubmitAsync).WithSummary("Send feedback from the portal, signed in / Gửi phản ánh (đã đăng nhập)")
            .Produces<FeedbackReceiptDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        citizen.MapGet("/", CitizenMineAsync).WithSummary("My feedback items with their codes and secrets / Phản ánh của tôi");

        var staff = routes.MapGroup("/api/v1/feedback").WithTags("Feedback").RequireAuthorization(StaffRoles.Policies.Feedback)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapPost("/", RecordAsync).WithSummary("Record an item from the hotline (support agents) or the counter (reception clerks) / Ghi nhận phản ánh")
            .Produces<FeedbackReceiptDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        staff.MapGet("/", ListAsync).WithSummary("Items I may see (?status=&agency=&overdue=&page=&pageSize=) / Danh sách phản ánh").ProducesValidationProblem();
        staff.MapGet("/{id:guid}", OneAsync).WithSummary("One item with the sender's contact (the view is logged) / Chi tiết phản ánh")
            .ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/{id:guid}/attachment", AttachmentAsync).WithSummary("The item's attached file / Tệp đính kèm")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf", "image/jpeg", "image/png", "image/tiff").ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/api/v1/feedback-measures", MeasuresAsync).WithTags("Feedback").RequireAuthorization(StaffRoles.Policies.FeedbackMeasures)
            .WithSummary("The hub's measures by agency for a period (?from=&to=) / Chỉ số xử lý phản ánh").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        routes.MapPost("/api/v1/partners/{partner}/feedback", PartnerAsync).WithTags("Feedback").AllowAnonymous().RequireRateLimiting(PublicApi.RateLimitPolicy)
            .WithSummary("A partner system posts an item (X-Timestamp + X-Signature: hex HMAC-SHA256 of \"timestamp\\nbody\", or X-Api-Key); once per itemId / Hệ thống đối tác gửi phản ánh")
            .Produces<FeedbackReceiptDto>(StatusCodes.Status201Created).Produces<FeedbackReceiptDto>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return routes;
    }

    private static async Task<Created<FeedbackReceiptDto>> SubmitAsync(FeedbackRequest body, FeedbackIntake intake, HttpContext http)
    {
        var receipt = await intake.SubmitAsync(Submission(body.Subject, body.Text, body.DossierCode, body.DossierKey, body.Contact),
            new FeedbackSource("web", "public", "ip:" + http.Connection.RemoteIpAddress), http.RequestAborted);
        return Receipt(receipt);
    }

    private static async Task<Ok<PageDto<PublishedFeedbackDto>>> PublishedAsync(FeedbackQueries queries, ProcedureCatalog catalog, WorkingCalendar calendar,
        HttpContext http, string? agency, int? page, int? pageSize)
    {
        var (number, size) = Paging(page, pageSize);
        var (items, total) = await queries.PublishedAsync(agency is { Length: > 0 and <= 60 } ? agency : null, number, size, http.RequestAborted);
        var language = DossierMapping.Language(http);
        return TypedResults.Ok(new PageDto<PublishedFeedbackDto>(items.Select(f => new PublishedFeedbackDto(f.Code, f.Category, AgencyName(catalog, f.AgencyCode, language),
            f.PublishedQuestion ?? "", f.Answer ?? "", ApiHttp.Local(calendar, f.PublishedAt))).ToList(), number, size, total));
    }

    private static async Task<Ok<PublicFeedbackDto>> TrackAsync(string code, string? secret, FeedbackActions actions, ProcedureCatalog catalog, WorkingCalendar calendar,
        HttpContext http) =>
        TypedResults.Ok(Public(await actions.FindAsync(code, secret, http.RequestAborted), catalog, calendar, http));

    private static async Task<Ok<PublicFeedbackDto>> AddInformationAsync(string code, string? secret, TextRequest body, FeedbackActions actions, ProcedureCatalog catalog,
        WorkingCalendar calendar, HttpContext http) =>
        TypedResults.Ok(Public(await actions.AddInformationAsync(code, secret, body.Text, http.RequestAborted), catalog, calendar, http));

    private static async Task<Ok<PublicFeedbackDto>> AttachAsync(string code, string? secret, FeedbackActions actions, ProcedureCatalog catalog, WorkingCalendar calendar,
        HttpContext http)
    {
        // The secret first: a stranger's upload is refused before a byte of it is read.
        await actions.FindAsync(code, secret, http.RequestAborted);
        var item = await Uploads.WithFileAsync(http.Request, FeedbackActions.MaxAttachmentBytes,
            (name, content) => actions.AttachAsync(code, secret, name, content, http.RequestAborted));
        return TypedResults.Ok(Public(item, catalog, calendar, http));
    }

    private static async Task<Ok<PublicFeedbackDto>> RateAsync(string code, string? secret, RatingRequest body, FeedbackActions actions, ProcedureCatalog catalog,
        WorkingCalendar calendar, HttpContext http) =>
        TypedResults.Ok(Public(await actions.RateAsync(code, secret, body.Rating ?? 0, http.RequestAborted), catalog, calendar, http));

    private static Ok<SurveyDto> Survey(SurveyForm form, HttpContext http)
    {
        var language = DossierMapping.Language(http);
        return TypedResults.Ok(new SurveyDto(form.Questions.Select(q => new SurveyQuestionDto(q.Id, language == "en" ? q.En : q.Vi)).ToList(), form.Verified,
            form.Note?.In(language)));
    }

    private static async Task<NoContent> AnswerSurveyAsync(string code, string? key, SurveyRequest body, Surveys surveys, HttpContext http)
    {
        await surveys.AnswerAsync(code, key, body.Answers, body.Comment, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<FeedbackMeasures>>> PublicMeasuresAsync(FeedbackQueries queries, WorkingCalendar calendar, TimeProvider clock, DateOnly? from,
        DateOnly? to, HttpContext http) =>
        TypedResults.Ok(await queries.MeasuresAsync(Period(calendar, clock, from, to).From, Period(calendar, clock, from, to).To, http.RequestAborted));

    private static async Task<Created<FeedbackReceiptDto>> CitizenSubmitAsync(FeedbackRequest body, FeedbackIntake intake, CitizenAccounts accounts, ClaimsPrincipal user,
        HttpContext http)
    {
        var account = await accounts.AccountAsync(CitizenMember.From(user).AccountId, http.RequestAborted);
        var receipt = await intake.SubmitAsync(Submission(body.Subject, body.Text, body.DossierCode, body.DossierKey,
                new FeedbackContactDto(account.FullName, account.Email, account.Phone)),
            new FeedbackSource("portal", account.SessionName, account.SessionName, account.Id), http.RequestAborted);
        return Receipt(receipt);
    }

    private static async Task<Ok<List<FeedbackReceiptDto>>> CitizenMineAsync(FeedbackQueries queries, ClaimsPrincipal user, HttpContext http) =>
        TypedResults.Ok((await queries.MineAsync(CitizenMember.From(user).AccountId, http.RequestAborted))
            .Select(f => new FeedbackReceiptDto(f.Code, LookupKeysFormat(f.Secret))).ToList());

    private static async Task<Created<FeedbackReceiptDto>> RecordAsync(StaffFeedbackRequest body, FeedbackIntake intake, ClaimsPrincipal user, HttpContext http)
    {
        var caller = ApiHttp.Caller(user);
        var channel = body.Channel ?? "";
        var allowed = channel switch
        {
            "hotline" => caller.Role is StaffRoles.SupportAgent or StaffRoles.Supervisor,
            "counter" => caller.Role is StaffRoles.SupportAgent or StaffRoles.Supervisor || caller.JobRoles.Contains(StaffMember.ReceptionClerk),
            _ => throw RuntimeException.Invalid("channel", "hotline or counter"),
        };
        if (!allowed)
        {
            throw new ApiRefusal(StatusCodes.Status403Forbidden, "not-an-intake-desk",
                "calls are recorded by the hub, counter items by reception clerks / chỉ Trung tâm CSKH và bộ phận tiếp nhận ghi nhận phản ánh");
        }
        var receipt = await intake.SubmitAsync(Submission(body.Subject, body.Text, body.DossierCode, body.DossierKey, body.Contact),
            new FeedbackSource(channel, caller.UserName, $"{channel}:{caller.UserName}:{body.Contact?.Phone}{body.Contact?.Email}"), http.RequestAborted);
        return Receipt(receipt);
    }

    private static async Task<Ok<PageDto<StaffFeedbackDto>>> ListAsync(FeedbackQueries queries, ProcedureCatalog catalog, WorkingCalendar calendar, TimeProvider clock,
        ClaimsPrincipal user, HttpContext http, string? status, string? agency, bool? overdue, int? page, int? pageSize)
    {
        if (status is not null && status is not (FeedbackStatus.Received or FeedbackStatus.MoreInfo or FeedbackStatus.Routed or FeedbackStatus.Answered
                or FeedbackStatus.Approved or FeedbackStatus.Published or FeedbackStatus.Refused))
        {
            throw RuntimeException.Invalid("status", "received, more-info, routed, answered, approved, published or refused");
        }
        var (number, size) = Paging(page, pageSize);
        var (items, total) = await queries.ListAsync(Viewer(user), new FeedbackFilter(status, agency is { Length: > 0 and <= 60 } ? agency : null, overdue == true),
            number, size, http.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;
        // A list shows subjects and codes, not the senders: their contact is in the logged detail view.
        return TypedResults.Ok(new PageDto<StaffFeedbackDto>(items.Select(f => Staff(f, catalog, calendar, http, now, withContact: false)).ToList(), number, size, total));
    }

    private static async Task<Ok<StaffFeedbackDto>> OneAsync(Guid id, FeedbackQueries queries, PersonalDataLog log, ProcedureCatalog catalog, WorkingCalendar calendar,
        TimeProvider clock, ClaimsPrincipal user, HttpContext http)
    {
        var item = await queries.OneAsync(Viewer(user), id, http.RequestAborted);
        await log.ViewedAsync(ApiHttp.Caller(user).UserName, "view-feedback:" + item.Code, item.DossierId, cancellationToken: http.RequestAborted);
        return TypedResults.Ok(Staff(item, catalog, calendar, http, clock.GetUtcNow().UtcDateTime, withContact: true));
    }

    private static async Task<IResult> AttachmentAsync(Guid id, FeedbackQueries queries, FeedbackActions actions, ClaimsPrincipal user, HttpContext http)
    {
        var (item, content) = await actions.AttachmentAsync(await queries.OneAsync(Viewer(user), id, http.RequestAborted), http.RequestAborted);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
        return TypedResults.Stream(content, item.AttachmentType, item.AttachmentName);
    }

    private static async Task<Ok<List<FeedbackMeasures>>> MeasuresAsync(FeedbackQueries queries, WorkingCalendar calendar, TimeProvider clock, DateOnly? from,
        DateOnly? to, HttpContext http)
    {
        var (start, end) = Period(calendar, clock, from, to);
        return TypedResults.Ok(await queries.MeasuresAsync(start, end, http.RequestAborted));
    }

    /// <summary>
    /// A partner's item. The body is read whole (at most 64 KB) because the signature covers its bytes; the partner's
    /// secret is compared in constant time; a timestamp more than a few minutes off is refused, so a captured request
    /// cannot be replayed later. A repeat of an item id answers 200 with the same code.
    /// </summary>
    private static async Task<IResult> PartnerAsync(string partner, FeedbackIntake intake, FeedbackOptions options, TimeProvider clock, HttpContext http)
    {
        var known = options.Partners.FirstOrDefault(p => p.Id == partner);
        if (http.Request.ContentLength > MaxPartnerBody)
        {
            throw RuntimeException.TooLarge("body", $"at most {MaxPartnerBody / 1024} KB");
        }
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length > MaxPartnerBody)
        {
            throw RuntimeException.TooLarge("body", $"at most {MaxPartnerBody / 1024} KB");
        }
        var bytes = buffer.ToArray();
        if (known is null || !Authentic(known, http.Request, bytes, clock.GetUtcNow(), options.SignatureSkewMinutes))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown partner or bad signature / Sai chữ ký",
                detail: "sign \"{X-Timestamp}\\n{body}\" with HMAC-SHA256 and the partner's secret (hex in X-Signature), or send X-Api-Key");
        }
        PartnerFeedbackRequest body;
        try
        {
            body = JsonSerializer.Deserialize<PartnerFeedbackRequest>(bytes, new JsonSerializerOptions(JsonSerializerDefaults.Web))
                ?? throw RuntimeException.Invalid("body", "a JSON object");
        }
        catch (JsonException)
        {
            throw RuntimeException.Invalid("body", "not valid JSON");
        }
        if (body.ItemId is not { Length: > 0 and <= 100 })
        {
            throw RuntimeException.Invalid("itemId", "the partner's own id of the item (1 to 100 characters) is required");
        }
        var receipt = await intake.SubmitAsync(Submission(body.Subject, body.Text, body.DossierCode, body.DossierKey, body.Contact),
            new FeedbackSource("partner", "partner:" + known.Id, "partner:" + known.Id, PartnerId: known.Id, PartnerItemId: body.ItemId), http.RequestAborted);
        return receipt.Created ? Receipt(receipt) : TypedResults.Ok(new FeedbackReceiptDto(receipt.Code, LookupKeysFormat(receipt.Secret)));
    }

    private static bool Authentic(FeedbackPartner partner, HttpRequest request, byte[] body, DateTimeOffset now, int skewMinutes)
    {
        if (partner.Auth == "key")
        {
            return Same(request.Headers["X-Api-Key"].ToString(), partner.Secret);
        }
        var stamp = request.Headers["X-Timestamp"].ToString();
        if (!long.TryParse(stamp, out var seconds) || Math.Abs(now.ToUnixTimeSeconds() - seconds) > skewMinutes * 60L)
        {
            return false;
        }
        var signed = HMACSHA256.HashData(Encoding.UTF8.GetBytes(partner.Secret), Encoding.UTF8.GetBytes(stamp + "\n").Concat(body).ToArray());
        return Same(request.Headers["X-Signature"].ToString().ToLowerInvariant(), Convert.ToHexStringLower(signed));
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static FeedbackSubmission Submission(string? subject, string? text, string? dossierCode, string? dossierKey, FeedbackContactDto? contact) =>
        new(subject, text, dossierCode, dossierKey, contact?.Name, contact?.Email, contact?.Phone);

    private static Created<FeedbackReceiptDto> Receipt(FeedbackReceipt receipt) =>
        TypedResults.Created($"/api/v1/public/feedback/{receipt.Code}", new FeedbackReceiptDto(receipt.Code, LookupKeysFormat(receipt.Secret)));

    private static string LookupKeysFormat(string secret) => OneStop.Dossiers.LookupKeys.Format(secret);

    private static FeedbackViewer Viewer(ClaimsPrincipal user)
    {
        var caller = ApiHttp.Caller(user);
        return new FeedbackViewer(caller.Scope, caller.Role == StaffRoles.SupportAgent);
    }

    private static (int Page, int Size) Paging(int? page, int? pageSize) =>
        page is < 1 || pageSize is < 1 or > FeedbackQueries.MaxPage
            ? throw RuntimeException.Invalid("page", $"page from 1, pageSize 1 to {FeedbackQueries.MaxPage}")
            : (page ?? 1, pageSize ?? 20);

    private static (DateOnly From, DateOnly To) Period(WorkingCalendar calendar, TimeProvider clock, DateOnly? from, DateOnly? to)
    {
        var today = DateOnly.FromDateTime(calendar.ToLocal(clock.GetUtcNow()));
        var end = ApiDates.Check(nameof(to), to) ?? today;
        var start = ApiDates.Check(nameof(from), from) ?? new DateOnly(end.Year, 1, 1);
        return end.DayNumber - start.DayNumber >= PublicApi.MaxStatisticsDays || end < start
            ? throw RuntimeException.Invalid("from", $"a period of at most {PublicApi.MaxStatisticsDays} days, from before to")
            : (start, end);
    }

    private static string? AgencyName(ProcedureCatalog catalog, string? code, string language) =>
        code is null ? null : catalog.Structure.AgencyEver(code)?.Name.In(language) ?? code;

    private static string StatusName(string status, string language) => (status, language == "en") switch
    {
        (FeedbackStatus.Received, false) => "Đang phân loại", (FeedbackStatus.Received, true) => "Being classified",
        (FeedbackStatus.MoreInfo, false) => "Đề nghị bổ sung thông tin", (FeedbackStatus.MoreInfo, true) => "More information asked",
        (FeedbackStatus.Routed, false) => "Cơ quan đang xử lý", (FeedbackStatus.Routed, true) => "With the agency",
        (FeedbackStatus.Answered, false) or (FeedbackStatus.Approved, false) => "Đang duyệt trả lời", (FeedbackStatus.Answered, true) or (FeedbackStatus.Approved, true) => "Answer being approved",
        (FeedbackStatus.Published, false) => "Đã trả lời", (FeedbackStatus.Published, true) => "Answered",
        (FeedbackStatus.Refused, false) => "Không xử lý", (FeedbackStatus.Refused, true) => "Not taken up",
        _ => status,
    };

    private static PublicFeedbackDto Public(FeedbackRecord f, ProcedureCatalog catalog, WorkingCalendar calendar, HttpContext http)
    {
        var language = DossierMapping.Language(http);
        var published = f.Status == FeedbackStatus.Published;
        return new PublicFeedbackDto(f.Code, f.Subject, f.Status, StatusName(f.Status, language), f.Category, AgencyName(catalog, f.AgencyCode, language),
            ApiHttp.Local(calendar, f.ReceivedAt), ApiHttp.Local(calendar, f.DueAt), f.Status == FeedbackStatus.MoreInfo ? f.MoreInfoRequest : null,
            f.Status == FeedbackStatus.Refused ? f.RefusalReason : null, published ? f.Answer : null, ApiHttp.Local(calendar, f.PublishedAt),
            f.Status == FeedbackStatus.MoreInfo, published && f.Satisfaction is null, f.Satisfaction, f.AttachmentSha256 is not null);
    }

    private static StaffFeedbackDto Staff(FeedbackRecord f, ProcedureCatalog catalog, WorkingCalendar calendar, HttpContext http, DateTime now, bool withContact) =>
        new(f.Id, f.Code, f.Channel, f.PartnerId, f.Subject, withContact ? f.Text : "", f.Status, f.Category, f.AgencyCode,
            AgencyName(catalog, f.AgencyCode, DossierMapping.Language(http)), f.DossierCode,
            withContact ? new FeedbackContactDto(f.ContactName, f.ContactEmail, f.ContactPhone) : null, ApiHttp.Local(calendar, f.ReceivedAt), f.ReceivedBy,
            ApiHttp.Local(calendar, f.DueAt), f.ClosedAt is null && f.DueAt < now, f.EscalatedAt is not null, f.Late, f.Repeats, f.MoreInfoRequest, f.RefusalReason,
            f.Answer, f.AnsweredBy, f.ApprovedBy, f.PublishedQuestion, ApiHttp.Local(calendar, f.PublishedAt), f.Satisfaction, f.AttachmentName, f.CaseId);
}
