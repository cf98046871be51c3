using Microsoft.Extensions.Diagnostics.HealthChecks;
using PublicWorkflow.Engine.Calendar;

namespace PublicWorkflow.Server.Hosting;

/// <summary>
/// Degraded when this year's days off are not officially in the calendar data: deadlines would then ignore
/// holidays not yet announced, and someone must update procedure-catalog/calendar.
/// </summary>
internal sealed class CalendarHealthCheck(WorkingCalendar calendar, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(calendar.ToLocal(clock.GetUtcNow()));
        var coverage = calendar.CoverageOf(today);
        return Task.FromResult(coverage == CalendarCoverage.Official
            ? HealthCheckResult.Healthy($"calendar {today.Year}: official")
            : HealthCheckResult.Degraded($"calendar {today.Year}: {coverage.ToString().ToLowerInvariant()}; add the announced days off to the calendar file"));
    }
}
