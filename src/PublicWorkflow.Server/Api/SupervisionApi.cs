using PublicWorkflow.OneStop.Persistence.Entities;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Measures;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Api;

/// <summary>A raised deadline: an SLA warning, an overdue step (to the team lead, then the supervisor), an apology prompt.</summary>
public sealed record AlertDto(Guid Id, Guid DossierId, string? DossierCode, string Kind, Guid? TaskId, string Recipient, DateTimeOffset? DueAt,
    DateTimeOffset? RaisedAt, DateTimeOffset? AcknowledgedAt);

/// <summary>A step whose service handler kept failing.</summary>
public sealed record IncidentDto(Guid Id, Guid CaseId, string? DossierCode, string ElementId, string Handler, string Error, DateTimeOffset? OpenedAt);

/// <summary>Deadlines and escalations, incidents and the service-quality indicators.</summary>
public static class SupervisionApi
{
    public static IEndpointRouteBuilder MapSupervisionApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/supervision").WithTags("Supervision")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/alerts", AlertsAsync).RequireAuthorization(StaffRoles.Policies.Lead)
            .WithSummary("Raised deadlines and escalations (a team lead sees their agency's) / Cảnh báo, chuyển cấp");
        group.MapPost("/alerts/{id:guid}/acknowledge", AcknowledgeAsync).RequireAuthorization(StaffRoles.Policies.Lead)
            .WithSummary("Mark an alert as seen / Đánh dấu đã xử lý cảnh báo");
        group.MapGet("/incidents", IncidentsAsync).RequireAuthorization(StaffRoles.Policies.Supervise).WithSummary("Open incidents / Sự cố");
        group.MapPost("/incidents/{id:guid}/retry", RetryAsync).RequireAuthorization(StaffRoles.Policies.Supervise)
            .WithSummary("Retry the failed step / Thử lại bước lỗi").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/measures", MeasuresAsync).RequireAuthorization(StaffRoles.Policies.Indicators)
            .WithSummary("Decision 766 indicators by agency, level or branch for a period, optionally of one procedure; format=csv for a spreadsheet / Chỉ số chất lượng phục vụ")
            .Produces<List<ServiceQuality>>().Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem();
        return routes;
    }

    private static async Task<Ok<List<AlertDto>>> AlertsAsync(Alerts alerts, WorkingCalendar calendar, ClaimsPrincipal user, HttpContext http, bool? acknowledged) =>
        TypedResults.Ok((await alerts.RaisedAsync(ApiHttp.Caller(user).Scope, acknowledged, http.RequestAborted)).Select(a => new AlertDto(a.Deadline.Id,
            a.Deadline.DossierId, a.DossierCode, Kebab(a.Deadline.Kind.ToString()), a.Deadline.TaskId, a.Deadline.Recipient, ApiHttp.Local(calendar, a.Deadline.DueAt),
            ApiHttp.Local(calendar, a.Deadline.RaisedAt), ApiHttp.Local(calendar, a.Deadline.AcknowledgedAt))).ToList());

    private static async Task<NoContent> AcknowledgeAsync(Guid id, DossierDeadlines deadlines, TimeProvider clock, ClaimsPrincipal user, HttpContext http)
    {
        var caller = ApiHttp.Caller(user);
        await deadlines.AcknowledgeAsync(id, clock.GetUtcNow().UtcDateTime, alert =>
        {
            if (!Alerts.IsFor(caller.Scope, alert))
            {
                throw new ApiRefusal(StatusCodes.Status403Forbidden, "outside-scope", "this alert is for another agency / cảnh báo của cơ quan khác");
            }
        }, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<IncidentDto>>> IncidentsAsync(CaseViews cases, WorkingCalendar calendar, HttpContext http)
    {
        var incidents = await cases.OpenIncidentsAsync(500, http.RequestAborted);
        var codes = await cases.BusinessKeysAsync(incidents.Select(i => i.CaseId).Distinct().ToList(), http.RequestAborted);
        return TypedResults.Ok(incidents.Select(i => new IncidentDto(i.Id, i.CaseId, codes.GetValueOrDefault(i.CaseId), i.ElementId, i.Handler, i.Error,
            ApiHttp.Local(calendar, i.OpenedAt))).ToList());
    }

    private static async Task<Ok<CommandResultDto>> RetryAsync(Guid id, CaseRuntime cases, ClaimsPrincipal user, HttpContext http)
    {
        var outcome = await cases.RetryIncidentAsync(id, ApiHttp.Caller(user).UserName, ApiHttp.IdempotencyKey(http.Request), http.RequestAborted);
        return TypedResults.Ok(new CommandResultDto(outcome.CaseId.Value, outcome.Status.ToString().ToLowerInvariant(), outcome.Revision, outcome.OpenedTasks.Select(t => t.Value).ToList()));
    }

    private static async Task<IResult> MeasuresAsync(ServiceQualityMeasures measures, HttpContext http, DateOnly? from, DateOnly? to, string? groupBy,
        string? agency, string? level, string? branch, string? procedure, string? format)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is null)
        {
            errors["from"] = ["the first receipt date of the period (yyyy-MM-dd) is required"];
        }
        if (to is null)
        {
            errors["to"] = ["the last receipt date of the period (yyyy-MM-dd) is required"];
        }
        ApiDates.Check(nameof(from), from);
        ApiDates.Check(nameof(to), to);
        if (from > to)
        {
            errors["to"] = ["the period ends on or after its first day"];
        }
        var grouping = MeasureGrouping.None;
        if (groupBy is not null && !Enum.TryParse(groupBy, ignoreCase: true, out grouping))
        {
            errors["groupBy"] = ["one of agency, level, branch"];
        }
        if (format is not null and not ("json" or "csv"))
        {
            errors["format"] = ["json or csv"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var rows = await measures.ComputeAsync(new MeasureFilter(from!.Value, to!.Value, agency, level, branch, procedure), grouping, http.RequestAborted);
        return format == "csv" ? TypedResults.Text(Csv(rows), "text/csv; charset=utf-8") : TypedResults.Ok(rows);
    }

    /// <summary>One row per group; rates as decimals with a dot, empty when nothing could be counted.</summary>
    private static string Csv(IReadOnlyList<ServiceQuality> rows)
    {
        var csv = new StringBuilder("group,received,accepted,resolved,finished,on_time_rate,on_time_rate_revised,pending,pending_not_overdue_rate,average_working_days,"
            + "online_rate,digitized_rate,electronic_result_rate,digitized_inputs_rate,document_reuse_rate,fee_bearing,online_payment_rate,ratings,satisfaction_rate,ratings_satisfied_rate\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', Quote(r.Group), r.Received, r.Accepted, r.Resolved, r.Finished, N(r.OnTimeRate), N(r.OnTimeRateRevised), r.Pending, N(r.PendingNotOverdueRate),
                N(r.AverageWorkingDays), N(r.OnlineRate), N(r.DigitizedRate), N(r.ElectronicResultRate), N(r.DigitizedInputsRate), N(r.DocumentReuseRate), r.FeeBearing, N(r.OnlinePaymentRate), r.Ratings,
                N(r.SatisfactionRate), N(r.RatingsSatisfiedRate)).Append('\n');
        }
        return csv.ToString();
    }

    private static string N(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string text) => text.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;

    private static string Kebab(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
