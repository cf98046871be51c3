using PublicWorkflow.Runtime.Cases;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Runtime.Tests.Jobs;

[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class RestartTests(string provider) : RuntimeSuite(provider)
{
    [Test]
    public async Task Timers_pending_when_the_host_stops_fire_exactly_once_after_a_restart_and_no_case_loses_a_step()
    {
        await Host.PublishAsync("cool-off", TestWorkflows.TimerThenTask("PT3S"));
        const int cases = 8;
        var ids = new List<CaseId>();
        for (var i = 0; i < cases; i++)
        {
            ids.Add((await StartCaseAsync("cool-off")).CaseId);
        }
        Assert.That(await Host.DbAsync(db => db.Timers.CountAsync(t => t.State == TimerState.Pending)), Is.EqualTo(cases));

        await RestartAsync();
        await Host.WaitForAsync(db => db.Tasks.CountAsync(t => t.ElementId == "after").ContinueWith(c => c.Result == cases), "every case moved past its timer", seconds: 30);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a late duplicate delivery would show now

        Assert.That(await Host.DbAsync(db => db.Timers.CountAsync(t => t.State == TimerState.Fired)), Is.EqualTo(cases));
        foreach (var id in ids)
        {
            Assert.That(await Host.DbAsync(db => db.Audit.CountAsync(a => a.CaseId == id.Value && a.Kind == "timer-fired")), Is.EqualTo(1), $"case {id}");
            Assert.That(await Host.DbAsync(db => db.Tasks.CountAsync(t => t.CaseId == id.Value && t.ElementId == "after")), Is.EqualTo(1), $"case {id}");
        }
    }

    [Test]
    public async Task Work_committed_but_never_run_before_the_process_died_runs_after_the_restart()
    {
        await Host.PublishAsync("flaky", TestWorkflows.FlakyService);
        await RestartAsync(processJobs: false); // this host commits, but runs no job: as if it died right after
        var started = await StartCaseAsync("flaky");
        Assert.That((await CaseAsync(started.CaseId)).Status, Is.EqualTo(CaseStatus.Running));

        await RestartAsync();

        await Host.WaitForAsync(db => db.Cases.AnyAsync(c => c.Id == started.CaseId.Value && c.Status == CaseStatus.Completed), "the handler runs and the case completes");
        Assert.That(SwitchableHandler.Runs, Is.EqualTo(1));
        Assert.That(await Host.DbAsync(db => db.Outbox.CountAsync(o => o.CompletedAt == null)), Is.Zero);
    }
}
