using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Jobs;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime;

/// <summary>
/// Runs before the Hangfire server: migrates the database, registers the sweep, hands over outbox rows a crash
/// left behind and, when Hangfire's storage forgets on restart (in-memory), schedules every pending timer again.
/// </summary>
internal sealed class RuntimeStartup(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> database,
    IOptions<RuntimeOptions> runtime,
    IRecurringJobManager recurring,
    ILogger<RuntimeStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        if (database.Value.MigrateOnStartup)
        {
            await using var startup = await StartupLock.AcquireAsync(db, database.Value.Provider, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (database.Value.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers work while a command commits (it is a property of the file, so once is enough).
            // Synchronous stays FULL: every commit reaches the disk, so no deadline is lost even on power loss.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        recurring.AddOrUpdate<TimerSweepJob>(TimerSweepJob.RecurringJobId, j => j.RunAsync(), runtime.Value.SweepCron);
        foreach (var jobId in scope.ServiceProvider.GetServices<ILongDueWork>().Select(w => w.JobId))
        {
            recurring.AddOrUpdate<LongDueWorkJob>(jobId, j => j.RunAsync(jobId), runtime.Value.SweepCron);
        }

        var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
        var forgets = RuntimeComposition.HangfireForgetsOnRestart(database.Value.Provider, database.Value.ConnectionString);
        var handedOver = await dispatcher.DispatchPendingAsync(TimeSpan.Zero, includeUncompleted: forgets, cancellationToken);
        var rescheduled = 0;
        if (forgets)
        {
            var pending = await db.Timers.AsNoTracking().Where(t => t.State == TimerState.Pending)
                .Select(t => new { t.CaseId, t.Id, t.DueAt }).ToListAsync(cancellationToken);
            foreach (var timer in pending)
            {
                dispatcher.ScheduleTimer(timer.CaseId, timer.Id, timer.DueAt);
            }
            rescheduled = pending.Count;
        }
        log.LogInformation("Runtime started on {Provider}: {Outbox} outbox row(s) handed over, {Timers} pending timer(s) scheduled again",
            database.Value.Provider, handedOver, rescheduled);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
