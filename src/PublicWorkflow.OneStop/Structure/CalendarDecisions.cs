using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Jobs;

namespace PublicWorkflow.OneStop.Structure;

/// <summary>An uncertain day of the calendar and what was decided about it (null: still to be confirmed).</summary>
public sealed record UncertainDay(DateOnly Date, string NameVi, string NameEn, string? Note, bool? DayOff, string? DecidedBy, DateTime? DecidedAt, string? Reason);

/// <summary>
/// Days the calendar data marks uncertain (a holiday whose law is not yet verified, a lunar date computed) are days
/// off until an administrator decides: kept as a day off, or made a working day, with a reason. The decision is stored
/// and applied at once on this node, and by every node's sweep (the runtime's clock) within a sweep's period: no
/// redeploy. Appointments given before a decision keep their dates.
/// </summary>
public sealed class CalendarDecisions(OneStopDbContext db, WorkingCalendar calendar, TimeProvider clock) : IDueWork
{
    public async Task<IReadOnlyList<UncertainDay>> UncertainAsync(CancellationToken cancellationToken = default)
    {
        var latest = await LatestAsync(cancellationToken);
        return calendar.UncertainDays.Select(d => latest.GetValueOrDefault(d.Date) is { } decided
                ? new UncertainDay(d.Date, d.Day.NameVi, d.Day.NameEn, d.Day.Note, decided.DayOff, decided.DecidedBy, decided.DecidedAt, decided.Reason)
                : new UncertainDay(d.Date, d.Day.NameVi, d.Day.NameEn, d.Day.Note, null, null, null, null))
            .ToList();
    }

    public async Task<UncertainDay> DecideAsync(DateOnly date, bool dayOff, string reason, string administrator, CancellationToken cancellationToken = default)
    {
        if (calendar.UncertainDays.All(d => d.Date != date))
        {
            throw RuntimeException.NotFound("uncertain day of the calendar", date.ToString("yyyy-MM-dd"));
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            throw RuntimeException.Invalid("reason", "the reason for the decision (its source), 1 to 1000 characters / nêu căn cứ của quyết định");
        }
        db.CalendarDecisions.Add(new CalendarDecisionRecord
        {
            Date = date, DayOff = dayOff, DecidedBy = administrator, DecidedAt = clock.GetUtcNow().UtcDateTime, Reason = reason.Trim(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await ApplyAsync(cancellationToken);
        return (await UncertainAsync(cancellationToken)).Single(d => d.Date == date);
    }

    /// <summary>Loads the latest decision of every date and applies them to the calendar.</summary>
    public async Task ApplyAsync(CancellationToken cancellationToken = default)
    {
        var latest = await LatestAsync(cancellationToken);
        var uncertain = calendar.UncertainDays.Select(d => d.Date).ToHashSet();
        // A decision on a day the data no longer marks uncertain (the file was corrected since) is left to the file.
        calendar.Decide(latest.Where(d => uncertain.Contains(d.Key)).ToDictionary(d => d.Key, d => d.Value.DayOff));
    }

    public Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => ApplyAsync(cancellationToken);

    private async Task<Dictionary<DateOnly, CalendarDecisionRecord>> LatestAsync(CancellationToken cancellationToken) =>
        (await db.CalendarDecisions.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(d => d.Date).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Id)!);
}

/// <summary>Applies the stored decisions when the node starts (after the runtime's start-up has migrated the database).</summary>
internal sealed class CalendarDecisionsAtStart(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CalendarDecisions>().ApplyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
