using PublicWorkflow.Engine.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Runtime.Tests.Cases;

/// <summary>
/// Two different commands on one case at the same moment: a hook holds the first after it has read the case, the second
/// commits, then the first goes on with its stale read. The case's revision guard must make it a conflict; without the
/// guard the first would overwrite what the second did.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class CaseRaceTests(string provider) : RuntimeSuite(provider)
{
    private readonly CommandGate gate = new();

    // Timers and messages are delivered by the test, not by Hangfire.
    protected override bool ProcessJobs => false;

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<ICaseCommandHook>(gate);

    /// <summary>A case at its appraisal step whose non-interrupting reminder (one second) is due: the timer and the task can race.</summary>
    private async Task<(CommandOutcome Started, TaskRecord Appraise, TimerRecord Reminder)> AppraisalWithDueReminderAsync()
    {
        await Host.PublishAsync("three-steps", TestWorkflows.ThreeSteps(reminder: "PT1S"));
        var started = await StartCaseAsync("three-steps");
        await CompleteAsync((await OpenTaskAsync(started.CaseId, "receive")).Id);
        var appraise = await OpenTaskAsync(started.CaseId, "appraise");
        var reminder = await Host.DbAsync(db => db.Timers.AsNoTracking().SingleAsync(t => t.CaseId == started.CaseId.Value && t.State == TimerState.Pending));
        await Task.Delay(reminder.DueAt - DateTime.UtcNow + TimeSpan.FromMilliseconds(100) is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);
        return (started, appraise, reminder);
    }

    [Test]
    public async Task A_timer_fires_while_a_clerk_completes_the_task_the_clerk_gets_the_conflict_and_the_timer_is_not_undone()
    {
        var (started, appraise, reminder) = await AppraisalWithDueReminderAsync();

        gate.Hold<CompleteTask>();
        var completion = Task.Run(() => CompleteAsync(appraise.Id, actor: "clerk-b"));
        await gate.HeldAsync();
        await Host.RuntimeAsync(async r => { await r.FireTimerAsync(reminder.Id); return 0; });
        var afterTimer = await CaseAsync(started.CaseId);
        gate.Release();

        var ex = Assert.ThrowsAsync<RuntimeException>(async () => await completion);
        Assert.That(ex!.Code, Is.EqualTo("case-changed"));
        var now = await CaseAsync(started.CaseId);
        Assert.That((now.Revision, now.StateJson), Is.EqualTo((afterTimer.Revision, afterTimer.StateJson)), "the timer's write stands");
        Assert.That(CaseState.FromJson(now.StateJson).Activities.Select(a => a.ElementId), Does.Contain("appraise"), "the step was not completed");
        Assert.That(await Host.DbAsync(db => db.Timers.AsNoTracking().SingleAsync(t => t.Id == reminder.Id)), Has.Property(nameof(TimerRecord.State)).EqualTo(TimerState.Fired));
        Assert.That(await Host.DbAsync(db => db.Tasks.CountAsync(t => t.CaseId == started.CaseId.Value && t.ElementId == "approve")), Is.Zero);

        // Reloaded, the clerk's completion goes through on top of the timer's.
        await CompleteAsync(appraise.Id, actor: "clerk-b");
        Assert.That(await Host.DbAsync(db => db.Tasks.CountAsync(t => t.CaseId == started.CaseId.Value && t.ElementId == "approve")), Is.EqualTo(1));
    }

    [Test]
    public async Task A_completion_that_commits_while_a_timer_is_held_makes_the_timer_try_again_and_find_it_cancelled()
    {
        var (started, appraise, reminder) = await AppraisalWithDueReminderAsync();

        gate.Hold<FireTimer>();
        var firing = Task.Run(() => Host.RuntimeAsync(async r => { await r.FireTimerAsync(reminder.Id); return 0; }));
        await gate.HeldAsync();
        await CompleteAsync(appraise.Id, actor: "clerk-b");
        gate.Release();
        await firing;

        Assert.That(await Host.DbAsync(db => db.Timers.AsNoTracking().SingleAsync(t => t.Id == reminder.Id)), Has.Property(nameof(TimerRecord.State)).EqualTo(TimerState.Cancelled),
            "the completion cancelled the reminder; the retried firing found it so");
        Assert.That(await Host.DbAsync(db => db.Outbox.CountAsync(o => o.CaseId == started.CaseId.Value && o.Kind == OutboxKind.InvokeHandler)), Is.Zero, "no reminder was sent");
        Assert.That(await Host.DbAsync(db => db.Tasks.CountAsync(t => t.CaseId == started.CaseId.Value && t.ElementId == "approve")), Is.EqualTo(1));
    }

    [Test]
    public async Task A_message_arriving_while_a_task_completes_exactly_one_wins_and_the_join_still_needs_both()
    {
        await Host.PublishAsync("task-and-message", TestWorkflows.TaskAndMessage);
        var started = await StartCaseAsync("task-and-message");
        var work = await OpenTaskAsync(started.CaseId, "work");

        gate.Hold<DeliverMessage>();
        var message = Task.Run(() => Host.RuntimeAsync(r => r.DeliverMessageAsync(started.CaseId, "documents", null, "citizen")));
        await gate.HeldAsync();
        await CompleteAsync(work.Id);
        gate.Release();
        var ex = Assert.ThrowsAsync<RuntimeException>(async () => await message);
        Assert.That(ex!.Code, Is.EqualTo("case-changed"));
        Assert.That(await Host.DbAsync(db => db.Tasks.CountAsync(t => t.CaseId == started.CaseId.Value && t.ElementId == "last")), Is.Zero,
            "the join waits: the message was not taken");

        await Host.RuntimeAsync(r => r.DeliverMessageAsync(started.CaseId, "documents", null, "citizen"));
        Assert.That(await Host.DbAsync(db => db.Tasks.CountAsync(t => t.CaseId == started.CaseId.Value && t.ElementId == "last")), Is.EqualTo(1));
    }

    [Test]
    public async Task A_write_with_a_stale_revision_is_refused_and_leaves_the_case_as_it_was()
    {
        await Host.PublishAsync("three-steps", TestWorkflows.ThreeSteps());
        var started = await StartCaseAsync("three-steps");
        await CompleteAsync((await OpenTaskAsync(started.CaseId, "receive")).Id);
        var current = await CaseAsync(started.CaseId);

        var stale = await CaseAsync(started.CaseId);
        stale.StateJson = "{\"overwritten\":true}";
        stale.Revision = current.Revision + 1;
        var ex = Assert.ThrowsAsync<RuntimeException>(() => Host.InScopeAsync(p =>
            ActivatorUtilities.CreateInstance<CaseWriter>(p).WriteAsync(new ChangeSet(stale, caseIsNew: false, expectedRevision: current.Revision - 1), default)));
        Assert.That(ex!.Code, Is.EqualTo("case-changed"));
        var after = await CaseAsync(started.CaseId);
        Assert.That((after.Revision, after.StateJson), Is.EqualTo((current.Revision, current.StateJson)));
    }

    /// <summary>Holds the first command of one kind after it has read the case and run the engine, until released.</summary>
    private sealed class CommandGate : ICaseCommandHook, ICaseCommandScope
    {
        private readonly SemaphoreSlim held = new(0);
        private readonly SemaphoreSlim go = new(0);
        private Type? kind;

        public void Hold<T>() where T : Command => kind = typeof(T);

        public Task HeldAsync() => held.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => Assert.That(t.Result, Is.True, "the command reached the gate"));

        public void Release() => go.Release();

        public Task<ICaseCommandScope?> BeginAsync(CaseRecord @case, CancellationToken cancellationToken) => Task.FromResult<ICaseCommandScope?>(this);

        public StepAssignment Assign(Definition definition, OpenTask step, StepAssignment proposed,
            IReadOnlyDictionary<string, System.Text.Json.JsonElement> variables) => proposed;

        public string? LevelOf(Definition definition, string elementId, string? proposed) => proposed;

        public async Task OnCommandAsync(CaseCommandContext context, CancellationToken cancellationToken)
        {
            if (context.Command.GetType() == kind)
            {
                kind = null;
                held.Release();
                await go.WaitAsync(cancellationToken);
            }
        }
    }
}
