using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Jobs;

/// <summary>
/// The safety net behind Hangfire's scheduled jobs: fires every pending timer that is due, and hands over outbox
/// rows left behind. Firing is exactly-once per timer whoever gets there first. Then it runs the due work the
/// application registered (<see cref="IDueWork"/>), on the same clock and in the same job.
/// </summary>
public sealed class TimerSweepJob(WorkflowDbContext db, OutboxDispatcher dispatcher, IEnumerable<IDueWork> dueWork, IServiceScopeFactory scopes, TimeProvider clock,
    ILogger<TimerSweepJob> log)
{
    public const string RecurringJobId = "timer-sweep";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync()
    {
        await dispatcher.DispatchPendingAsync(TimeSpan.FromSeconds(30), includeUncompleted: false);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Timers.AsNoTracking().Where(t => t.State == TimerState.Pending && t.DueAt <= now)
            .OrderBy(t => t.DueAt).Select(t => t.Id).Take(500).ToListAsync();
        foreach (var timerId in due)
        {
            // A scope per timer: one case's failure or tracked rows never touch the next.
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<CaseRuntime>().FireTimerAsync(timerId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Sweep could not fire timer {Timer}; the next sweep tries again", timerId);
            }
        }
        foreach (var work in dueWork)
        {
            await work.RunDueAsync(clock.GetUtcNow());
        }
    }
}
