using PublicWorkflow.Server.Hosting;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Api;

/// <summary>A day the calendar data marks uncertain, and the decision on it if one was made.</summary>
/// <param name="DayOff">null: still to be confirmed (it counts as a day off until then); true: kept; false: a working day.</param>
public sealed record UncertainDayDto(DateOnly Date, string Name, string? Note, bool? DayOff, string? DecidedBy, DateTimeOffset? DecidedAt, string? Reason);

/// <summary>An administrator's decision on an uncertain day, with its source.</summary>
public sealed record CalendarDecisionRequest(bool? DayOff, string? Reason);

/// <summary>The working-day calendar's uncertain days: staff see them, an administrator decides them (no redeploy).</summary>
public static class CalendarApi
{
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/calendar").WithTags("Calendar").ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/uncertain", ListAsync).RequireAuthorization(StaffRoles.Policies.Staff)
            .WithSummary("Days off the calendar marks uncertain, and what was decided / Ngày nghỉ chưa chắc chắn");
        group.MapPost("/uncertain/{date}", DecideAsync).RequireAuthorization(StaffRoles.Policies.Administer)
            .WithSummary("Keep an uncertain day as a day off or make it a working day, with the source / Xác nhận ngày nghỉ")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Ok<List<UncertainDayDto>>> ListAsync(CalendarDecisions decisions, Engine.Calendar.WorkingCalendar calendar, HttpContext http) =>
        TypedResults.Ok((await decisions.UncertainAsync(http.RequestAborted)).Select(d => Dto(d, calendar, http)).ToList());

    private static async Task<Ok<UncertainDayDto>> DecideAsync(string date, CalendarDecisionRequest body, CalendarDecisions decisions,
        Engine.Calendar.WorkingCalendar calendar, System.Security.Claims.ClaimsPrincipal user, HttpContext http)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw RuntimeException.Invalid("date", "a date as yyyy-MM-dd, e.g. 2026-11-24");
        }
        if (body.DayOff is not { } dayOff)
        {
            throw RuntimeException.Invalid("dayOff", "true to keep the day off, false to make it a working day");
        }
        var decided = await decisions.DecideAsync(day, dayOff, body.Reason ?? "", ApiHttp.Caller(user).UserName, http.RequestAborted);
        return TypedResults.Ok(Dto(decided, calendar, http));
    }

    private static UncertainDayDto Dto(UncertainDay d, Engine.Calendar.WorkingCalendar calendar, HttpContext http) =>
        new(d.Date, RequestLanguage.Of(http.Request).StartsWith("vi", StringComparison.OrdinalIgnoreCase) ? d.NameVi : d.NameEn, d.Note, d.DayOff, d.DecidedBy,
            ApiHttp.Local(calendar, d.DecidedAt), d.Reason);
}
