using Microsoft.AspNetCore.Http.HttpResults;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.OneStop.Dossiers;

namespace PublicWorkflow.Server.Api;

/// <summary>
/// What the citizen holding a dossier's code and lookup key may see: no name, ID number, address, phone or e-mail, and no staff names.
/// </summary>
public sealed record PublicDossierDto(string Code, string ProcedureCode, string? ProcedureName, int Status, string StatusName, string? CurrentStep,
    string? CurrentLevel, string? Agency, DateTimeOffset? ReceivedAt, DateTimeOffset? Appointment, DateTimeOffset? AppointmentBeforeApology, bool? OnTime,
    bool CanRate, bool Rated);

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
        return routes;
    }

    private static async Task<Ok<PublicDossierDto>> TrackAsync(string code, string? key, DossierStore dossiers, ProcedureCatalog catalog, WorkingCalendar calendar,
        TimeProvider clock, HttpContext http)
    {
        var d = await dossiers.PublicViewAsync(Checked(code), key, http.RequestAborted);
        var language = DossierMapping.Language(http);
        return TypedResults.Ok(new PublicDossierDto(d.Code, d.ProcedureCode, catalog.Find(d.ProcedureCode)?.Name.In(language), (int)d.Status,
            DossierStatuses.Name(d.Status).In(language), d.CurrentStep, d.CurrentLevel,
            d.AgencyCode is null ? null : catalog.Structure.AgencyEver(d.AgencyCode)?.Name.In(language),
            ApiHttp.Local(calendar, d.ReceivedAt), ApiHttp.Local(calendar, d.AppointmentAt), ApiHttp.Local(calendar, d.AppointmentBeforeApology),
            DossierMapping.OnTime(d.AppointmentBeforeApology ?? d.AppointmentAt, d.ResolvedAt, d.ClockPausedAt is not null, clock.GetUtcNow().UtcDateTime),
            d.Status == DossierStatus.Returned && d.RatedAt is null, d.RatedAt is not null));
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
