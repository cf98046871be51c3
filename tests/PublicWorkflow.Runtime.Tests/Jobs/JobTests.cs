using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Runtime.Tests.Jobs;

[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class JobTests(string provider) : RuntimeSuite(provider)
{
    [Test]
    public async Task A_handler_that_keeps_failing_ends_in_an_incident_and_a_retry_after_the_fix_completes_the_case()
    {
        await Host.PublishAsync("flaky", TestWorkflows.FlakyService);
        SwitchableHandler.Reset(broken: true);

        var started = await StartCaseAsync("flaky");
        await Host.WaitForAsync(db => db.Incidents.AnyAsync(i => i.CaseId == started.CaseId.Value), "an incident is recorded");

        var incident = await Host.DbAsync(db => db.Incidents.AsNoTracking().SingleAsync());
        Assert.That(SwitchableHandler.Runs, Is.EqualTo(3), "the first run and two retries");
        Assert.That((incident.ElementId, incident.Handler), Is.EqualTo(("register", "test.flaky")));
        Assert.That(incident.Error, Does.Contain("the national registry did not answer"));
        var state = CaseState.FromJson((await CaseAsync(started.CaseId)).StateJson);
        Assert.That(state.Activities.Single().Status, Is.EqualTo(StepStatus.Incident));

        SwitchableHandler.Broken = false;
        await Host.RuntimeAsync(r => r.RetryIncidentAsync(incident.Id, "supervisor"));
        await Host.WaitForAsync(db => db.Cases.AnyAsync(c => c.Id == started.CaseId.Value && c.Status == CaseStatus.Completed), "the case completes");

        Assert.That((await Host.DbAsync(db => db.Incidents.AsNoTracking().SingleAsync())).ResolvedAt, Is.Not.Null);
        Assert.That(CaseState.FromJson((await CaseAsync(started.CaseId)).StateJson).Variables["registered"].GetBoolean(), Is.True);
        var again = Assert.ThrowsAsync<RuntimeException>(() => Host.RuntimeAsync(r => r.RetryIncidentAsync(incident.Id, "supervisor")));
        Assert.That(again!.Code, Is.EqualTo("incident-resolved"));
    }

    [Test]
    public async Task A_timer_fires_through_Hangfire_and_exactly_once_however_often_it_is_delivered()
    {
        await Host.PublishAsync("cool-off", TestWorkflows.TimerThenTask("PT2S"));
        var started = await StartCaseAsync("cool-off");
        var timer = await Host.DbAsync(db => db.Timers.AsNoTracking().SingleAsync());

        // Deliver it several more times at once, as a duplicate job and the sweep might.
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Host.InScopeAsync(p => p.GetRequiredService<CaseRuntime>().FireTimerAsync(timer.Id)))));
        await Host.WaitForAsync(db => db.Tasks.AnyAsync(t => t.CaseId == started.CaseId.Value && t.ElementId == "after"), "the task after the timer opens");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // let the scheduled job and the sweep have their go too

        Assert.That((await Host.DbAsync(db => db.Timers.AsNoTracking().SingleAsync())).State, Is.EqualTo(TimerState.Fired));
        Assert.That(await Host.DbAsync(db => db.Audit.CountAsync(a => a.CaseId == started.CaseId.Value && a.Kind == "timer-fired")), Is.EqualTo(1));
        Assert.That(await Host.DbAsync(db => db.Tasks.CountAsync(t => t.CaseId == started.CaseId.Value && t.ElementId == "after")), Is.EqualTo(1));
    }

    [Test]
    public async Task A_call_activity_starts_the_called_case_and_continues_when_it_ends()
    {
        await Host.PublishAsync("three-steps", TestWorkflows.ThreeSteps());
        await Host.PublishAsync("parent", TestWorkflows.CallsThreeSteps);
        var parent = await StartCaseAsync("parent");
        await Host.WaitForAsync(db => db.Cases.AnyAsync(c => c.ParentCaseId == parent.CaseId.Value), "the called case starts");
        var child = await Host.DbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.ParentCaseId == parent.CaseId.Value));

        foreach (var step in new[] { "receive", "appraise", "approve" })
        {
            await CompleteAsync((await OpenTaskAsync(new CaseId(child.Id), step)).Id, new { childResult = "ok" });
        }
        await Host.WaitForAsync(db => db.Tasks.AnyAsync(t => t.CaseId == parent.CaseId.Value && t.ElementId == "after"), "the parent moves on");

        var state = CaseState.FromJson((await CaseAsync(parent.CaseId)).StateJson);
        Assert.That(state.Variables["childResult"].GetString(), Is.EqualTo("ok"));
        Assert.That(state.Variables["calledCaseOutcome"].GetString(), Is.EqualTo("completed"));
        Assert.That(await Host.DbAsync(db => db.Cases.CountAsync(c => c.ParentCaseId == parent.CaseId.Value)), Is.EqualTo(1));
    }

    [Test]
    public async Task Cancelling_a_case_cancels_the_case_its_call_activity_started()
    {
        await Host.PublishAsync("three-steps", TestWorkflows.ThreeSteps());
        await Host.PublishAsync("parent", TestWorkflows.CallsThreeSteps);
        var parent = await StartCaseAsync("parent");
        await Host.WaitForAsync(db => db.Cases.AnyAsync(c => c.ParentCaseId == parent.CaseId.Value), "the called case starts");

        await Host.RuntimeAsync(r => r.CancelCaseAsync(parent.CaseId, "withdrawn", "clerk-a"));

        await Host.WaitForAsync(db => db.Cases.AnyAsync(c => c.ParentCaseId == parent.CaseId.Value && c.Status == CaseStatus.Cancelled), "the called case is cancelled");
    }
}
