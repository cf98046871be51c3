using Microsoft.Extensions.Diagnostics.HealthChecks;
using PublicWorkflow.Engine.Calendar;

namespace PublicWorkflow.Server.Hosting;

/// <summary>
/// Degraded when this year's days off are not officially in the calendar data (deadlines would then ignore holidays not
/// yet announced, and someone must update procedure-catalog/calendar), or when a day the data marks uncertain still
/// awaits an administrator's decision (POST /api/v1/calendar/uncertain/{date}).
/// </summary>
internal sealed class CalendarHealthCheck(WorkingCalendar calendar, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(calendar.ToLocal(clock.GetUtcNow()));
        var coverage = calendar.CoverageOf(today);
        var undecided = calendar.UncertainDays.Where(d => d.Kept is null).Select(d => d.Date.ToString("yyyy-MM-dd")).ToList();
        var problems = new List<string>();
        if (coverage != CalendarCoverage.Official)
        {
            problems.Add($"calendar {today.Year}: {coverage.ToString().ToLowerInvariant()}; add the announced days off to the calendar file");
        }
        if (undecided.Count > 0)
        {
            problems.Add($"days off to confirm: {string.Join(", ", undecided)} (counted as days off until an administrator decides)");
        }
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy($"calendar {today.Year}: official")
            : HealthCheckResult.Degraded(string.Join("; ", problems)));
    }
}
