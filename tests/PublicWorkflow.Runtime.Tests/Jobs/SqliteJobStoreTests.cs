using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Runtime.Tests.Jobs;

/// <summary>
/// On the embedded default (one node on a SQLite file) Hangfire keeps its jobs in a file beside the database
/// (Hangfire.Storage.SQLite): a timer scheduled before a restart is still in the queue after it, without the start-up
/// having to schedule it again, and it fires once.
/// </summary>
public sealed class SqliteJobStoreTests
{
    [Test]
    public async Task A_timer_scheduled_before_a_restart_is_still_queued_after_it_and_fires_once()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var host = await RuntimeHost.StartAsync(database, processJobs: false);
        try
        {
            await host.PublishAsync("cool-off", TestWorkflows.TimerThenTask("PT3S"));
            var started = await host.RuntimeAsync(r => r.StartCaseAsync("cool-off", null, "clerk"));
            var before = await ScheduledAsync(host);
            Assert.That(before, Has.Count.EqualTo(1), "the timer's job is queued");
            await host.DisposeAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(50));

            host = await RuntimeHost.StartAsync(database, processJobs: false);
            Assert.That(await ScheduledAsync(host), Is.EqualTo(before), "the same job after the restart: kept in the jobs file, not scheduled again");
            await host.DisposeAsync();

            host = await RuntimeHost.StartAsync(database, processJobs: true);
            await host.WaitForAsync(db => db.Tasks.AnyAsync(t => t.CaseId == started.CaseId.Value && t.ElementId == "after"), "the timer fired", seconds: 30);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.That(await host.DbAsync(db => db.Timers.CountAsync(t => t.CaseId == started.CaseId.Value && t.State == TimerState.Fired)), Is.EqualTo(1));
            Assert.That(await host.DbAsync(db => db.Audit.CountAsync(a => a.CaseId == started.CaseId.Value && a.Kind == "timer-fired")), Is.EqualTo(1));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>The jobs waiting in Hangfire's schedule: their ids and when each was put there (a job scheduled again is a new entry).</summary>
    private static Task<List<string>> ScheduledAsync(RuntimeHost host) =>
        host.InScopeAsync(p => Task.FromResult(p.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 100)
            .Select(j => $"{j.Key}@{j.Value.ScheduledAt:O}").ToList()));
}
