using Microsoft.AspNetCore.Http.HttpResults;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Measures;
using PublicWorkflow.OneStop.Documents;
using PublicWorkflow.OneStop.Results;

namespace PublicWorkflow.Server.Api;

/// <summary>
/// What the citizen holding a dossier's code and lookup key may see: no name, ID number, address, phone or e-mail, and no staff names.
/// </summary>
public sealed record PublicDossierDto(string Code, string ProcedureCode, string? ProcedureName, int Status, string StatusName, string? CurrentStep,
    string? CurrentLevel, string? Agency, DateTimeOffset? ReceivedAt, DateTimeOffset? Appointment, DateTimeOffset? AppointmentBeforeApology, bool? OnTime,
    bool CanRate, bool Rated, IReadOnlyList<string> Missing, int OtherMissing, bool CanSurvey = false);

/// <summary>An indicator's meaning, and whether it follows the national formula of Decision 766 or is the center's own.</summary>
public sealed record IndicatorDto(string Name, bool National, string Meaning);

/// <summary>The public statistics of a period: the indicators per resolving agency (counts and rates only, no personal data).</summary>
public sealed record PublicStatisticsDto(DateOnly From, DateOnly To, IReadOnlyList<IndicatorDto> Indicators, ServiceQuality All,
    IReadOnlyList<AgencyStatisticsDto> Agencies);

public sealed record AgencyStatisticsDto(string Agency, string? Name, ServiceQuality Measures);

/// <summary>Whether an electronic result is genuine (valid, altered, unknown), with what identifies it publicly: no personal data.</summary>
public sealed record VerificationDto(string Status, string? Number, string? Agency, string? Procedure, DateTimeOffset? IssuedAt);

/// <summary>A rating from 1 (very dissatisfied) to 5 (very satisfied), with an optional comment.</summary>
public sealed record RatingRequest(int? Rating, string? Comment);

/// <summary>
/// The public side: track a dossier, rate the service once the result is returned. No sign-in, but the code alone opens
/// nothing: every call carries <c>key</c>, the lookup key printed on the citizen's receipt (a wrong key is 404, as an
/// unknown code). Rate-limited per client (429).
/// </summary>
public static class PublicApi
{
    public const string RateLimitPolicy = "public";

    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/public").WithTags("Public").AllowAnonymous().RequireRateLimiting(RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/dossiers/{code}", TrackAsync).WithSummary("Track a dossier by its code and the lookup key on the receipt (?key=) / Tra cứu hồ sơ")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/dossiers/{code}/rating", RateAsync)
            .WithSummary("Rate the service, once, after the result is returned, with the lookup key (?key=) / Đánh giá mức độ hài lòng")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/results", VerifyNumberAsync)
            .WithSummary("Verify an electronic result by its number (?number=) / Kiểm tra kết quả điện tử theo số").ProducesValidationProblem();
        group.MapPost("/results/verify", VerifyFileAsync).DisableAntiforgery()
            .WithSummary("Verify an electronic result file (multipart/form-data, field file): valid, altered or unknown / Kiểm tra tệp kết quả")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/statistics", StatisticsAsync)
            .WithSummary("Decision 766 indicators per agency for a period (?from=&to=, at most a year; default this year so far), no personal data / Thống kê công khai")
            .ProducesValidationProblem();
        return routes;
    }

    /// <summary>The longest period one request may count, so a public call cannot make the server read every dossier ever.</summary>
    public const int MaxStatisticsDays = 366;

    private static async Task<Ok<PublicStatisticsDto>> StatisticsAsync(ServiceQualityMeasures measures, ProcedureCatalog catalog, WorkingCalendar calendar,
        TimeProvider clock, HttpContext http, DateOnly? from, DateOnly? to)
    {
        var today = DateOnly.FromDateTime(calendar.ToLocal(clock.GetUtcNow()));
        var end = ApiDates.Check(nameof(to), to) ?? today;
        var start = ApiDates.Check(nameof(from), from) ?? new DateOnly(end.Year, 1, 1);
        if (end.DayNumber - start.DayNumber >= MaxStatisticsDays)
        {
            throw RuntimeException.Invalid("from", $"a period of at most {MaxStatisticsDays} days / tối đa {MaxStatisticsDays} ngày");
        }
        var language = DossierMapping.Language(http);
        var filter = new MeasureFilter(start, end);
        var all = (await measures.ComputeAsync(filter, MeasureGrouping.None, http.RequestAborted)).SingleOrDefault();
        var byAgency = await measures.ComputeAsync(filter, MeasureGrouping.Agency, http.RequestAborted);
        return TypedResults.Ok(new PublicStatisticsDto(start, end,
            IndicatorDefinitions.All.Select(d => new IndicatorDto(d.Name, d.National, d.Meaning.In(language))).ToList(),
            all ?? ServiceQualityMeasures.Nothing("all"),
            byAgency.Where(r => r.Group != "-").Select(r => new AgencyStatisticsDto(r.Group, catalog.Structure.AgencyEver(r.Group)?.Name.In(language), r)).ToList()));
    }

    private static async Task<Ok<VerificationDto>> VerifyNumberAsync(string? number, ResultVerification verification, ProcedureCatalog catalog,
        WorkingCalendar calendar, HttpContext http) =>
        TypedResults.Ok(Verification(await verification.ByNumberAsync(number?.Trim() ?? "", http.RequestAborted), catalog, calendar, http));

    private static async Task<Ok<VerificationDto>> VerifyFileAsync(ResultVerification verification, DocumentOptions options, ProcedureCatalog catalog,
        WorkingCalendar calendar, HttpContext http)
    {
        var outcome = await Uploads.WithFileAsync(http.Request, options.MaxFileBytes, async (_, content) =>
        {
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, http.RequestAborted)) > 0)
            {
                if (copy.Length + read > options.MaxFileBytes)
                {
                    throw RuntimeException.TooLarge("file", "the file is larger than any result / tệp quá lớn");
                }
                copy.Write(buffer, 0, read);
            }
            return await verification.ByFileAsync(copy.ToArray(), http.RequestAborted);
        });
        return TypedResults.Ok(Verification(outcome, catalog, calendar, http));
    }

    private static VerificationDto Verification(Verification v, ProcedureCatalog catalog, WorkingCalendar calendar, HttpContext http)
    {
        var language = DossierMapping.Language(http);
        return new VerificationDto(v.Status.ToString().ToLowerInvariant(), v.Number,
            v.AgencyCode is null ? null : catalog.Structure.AgencyEver(v.AgencyCode)?.Name.In(language) ?? v.AgencyCode,
            v.ProcedureCode is null ? null : catalog.Find(v.ProcedureCode)?.Name.In(language) ?? v.ProcedureCode, ApiHttp.Local(calendar, v.IssuedAt));
    }

    private static async Task<Ok<PublicDossierDto>> TrackAsync(string code, string? key, DossierStore dossiers, ProcedureCatalog catalog, WorkingCalendar calendar,
        OneStop.Feedback.Surveys surveys, TimeProvider clock, HttpContext http)
    {
        var d = await dossiers.PublicViewAsync(Checked(code), key, http.RequestAborted);
        var language = DossierMapping.Language(http);
        var procedure = catalog.Find(d.ProcedureCode);
        var (missingIds, otherMissing) = d.PublicMissing();
        return TypedResults.Ok(new PublicDossierDto(d.Code, d.ProcedureCode, procedure?.Name.In(language), (int)d.Status,
            DossierStatuses.Name(d.Status).In(language), d.CurrentStep, d.CurrentLevel,
            d.AgencyCode is null ? null : catalog.Structure.AgencyEver(d.AgencyCode)?.Name.In(language),
            ApiHttp.Local(calendar, d.ReceivedAt), ApiHttp.Local(calendar, d.AppointmentAt), ApiHttp.Local(calendar, d.AppointmentBeforeApology),
            DossierMapping.OnTime(d.AppointmentBeforeApology ?? d.AppointmentAt, d.ResolvedAt, d.ClockPausedAt is not null, clock.GetUtcNow().UtcDateTime),
            d.Status == DossierStatus.Returned && d.RatedAt is null, d.RatedAt is not null,
            missingIds.Select(id => procedure?.Documents.FirstOrDefault(x => x.Id == id)?.Name.In(language)).OfType<string>().ToList(), otherMissing,
            d.Status == DossierStatus.Returned && await surveys.OpenForAsync(d.Code, http.RequestAborted)));
    }

    private static async Task<NoContent> RateAsync(string code, string? key, RatingRequest body, RateService ratings, HttpContext http)
    {
        await ratings.RateAsync(Checked(code), key, body.Rating ?? 0, body.Comment, ApiHttp.IdempotencyKey(http.Request), http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>Codes are short and plain; anything else is refused before it reaches the database.</summary>
    private static string Checked(string code) =>
        code.Length is > 0 and <= 60 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-')
            ? code
            : throw RuntimeException.Invalid("code", "a dossier code such as UB.P.HOANKIEM-260828-0001 / mã hồ sơ không hợp lệ");
}
