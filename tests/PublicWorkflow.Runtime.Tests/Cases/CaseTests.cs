using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Runtime.Cases;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Runtime.Tests.Cases;

[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class CaseTests(string provider) : RuntimeSuite(provider)
{
    [SetUp]
    public Task PublishAsync() => Host.PublishAsync("three-steps", TestWorkflows.ThreeSteps());

    [Test]
    public async Task A_case_runs_step_by_step_writing_tasks_timers_audit_and_state()
    {
        var started = await StartCaseAsync("three-steps", new { applicant = "Nguyễn Văn A" });
        Assert.That(started.Status, Is.EqualTo(CaseStatus.Running));
        var receive = await OpenTaskAsync(started.CaseId, "receive");
        Assert.That(started.OpenedTasks, Is.EqualTo(new[] { new TaskId(receive.Id) }));
        Assert.That((receive.CandidateRole, receive.Level, receive.State), Is.EqualTo(("reception-clerk", "commune", TaskState.Open)));
        Assert.That(receive.DueAt, Is.Not.Null);

        await CompleteAsync(receive.Id);
        var appraise = await OpenTaskAsync(started.CaseId, "appraise");
        var timer = await Host.DbAsync(db => db.Timers.AsNoTracking().SingleAsync(t => t.CaseId == started.CaseId.Value));
        Assert.That((timer.ElementId, timer.State), Is.EqualTo(("reminder", TimerState.Pending)));

        await CompleteAsync(appraise.Id, actor: "officer-b");
        var approve = await OpenTaskAsync(started.CaseId, "approve");
        var done = await CompleteAsync(approve.Id, new { approved = true }, actor: "chairman-c");

        Assert.That(done.Status, Is.EqualTo(CaseStatus.Completed));
        var record = await CaseAsync(started.CaseId);
        Assert.That((record.Status, record.CompletedAt is not null, record.Revision), Is.EqualTo((CaseStatus.Completed, true, 4)));
        Assert.That(CaseState.FromJson(record.StateJson).Variables["approved"].GetBoolean(), Is.True);
        Assert.That((await Host.DbAsync(db => db.Timers.AsNoTracking().SingleAsync(t => t.CaseId == started.CaseId.Value))).State, Is.EqualTo(TimerState.Cancelled));
        var audit = await Host.DbAsync(db => db.Audit.AsNoTracking().Where(a => a.CaseId == started.CaseId.Value).OrderBy(a => a.Id).ToListAsync());
        Assert.That(audit.Where(a => a.Kind == "step-completed").Select(a => a.Actor), Is.EqualTo(new[] { "clerk-a", "officer-b", "chairman-c" }));
        Assert.That(audit.First(a => a.Kind == "task-opened").Level, Is.EqualTo("commune"));
        var closed = await Host.DbAsync(db => db.Tasks.AsNoTracking().Where(t => t.CaseId == started.CaseId.Value).ToListAsync());
        Assert.That(closed.Select(t => t.State), Is.All.EqualTo(TaskState.Completed));
    }

    [Test]
    public async Task A_case_stays_on_the_version_it_started_with()
    {
        var onV1 = await StartCaseAsync("three-steps");
        await Host.PublishAsync("three-steps", TestWorkflows.ThreeSteps(reminder: "P5D"));
        var onV2 = await StartCaseAsync("three-steps");

        Assert.That((await CaseAsync(onV1.CaseId)).DefinitionVersion, Is.EqualTo(1));
        Assert.That((await CaseAsync(onV2.CaseId)).DefinitionVersion, Is.EqualTo(2));
        await CompleteAsync((await OpenTaskAsync(onV1.CaseId, "receive")).Id);
        Assert.That((await OpenTaskAsync(onV1.CaseId, "appraise")).ElementId, Is.EqualTo("appraise"));
    }

    [Test]
    public async Task Claim_release_and_complete_respect_who_holds_the_task()
    {
        var started = await StartCaseAsync("three-steps");
        var task = await OpenTaskAsync(started.CaseId, "receive");

        await Host.InScopeAsync(p => p.GetRequiredService<TaskClaims>().ClaimTaskAsync(new TaskId(task.Id), "clerk-a"));
        await Host.InScopeAsync(p => p.GetRequiredService<TaskClaims>().ClaimTaskAsync(new TaskId(task.Id), "clerk-a"));
        var taken = Assert.ThrowsAsync<RuntimeException>(() => Host.InScopeAsync(p => p.GetRequiredService<TaskClaims>().ClaimTaskAsync(new TaskId(task.Id), "clerk-b")));
        Assert.That((taken!.Kind, taken.Code), Is.EqualTo((RuntimeErrorKind.Conflict, "task-claimed")));
        Assert.ThrowsAsync<RuntimeException>(() => CompleteAsync(task.Id, actor: "clerk-b"));
        Assert.ThrowsAsync<RuntimeException>(() => Host.InScopeAsync(p => p.GetRequiredService<TaskClaims>().ReleaseTaskAsync(new TaskId(task.Id), "clerk-b")));

        await Host.InScopeAsync(p => p.GetRequiredService<TaskClaims>().ReleaseTaskAsync(new TaskId(task.Id), "clerk-a"));
        Assert.That((await OpenTaskAsync(started.CaseId, "receive")).Assignee, Is.Null);
        await Host.InScopeAsync(p => p.GetRequiredService<TaskClaims>().ClaimTaskAsync(new TaskId(task.Id), "clerk-b"));
        await CompleteAsync(task.Id, actor: "clerk-b");

        var kinds = await Host.DbAsync(db => db.Audit.AsNoTracking().Where(a => a.CaseId == started.CaseId.Value && a.Kind.StartsWith("task-")).OrderBy(a => a.Id).Select(a => a.Kind + ":" + a.Actor).ToListAsync());
        Assert.That(kinds, Is.EqualTo(new[] { "task-opened:clerk-a", "task-claimed:clerk-a", "task-released:clerk-a", "task-claimed:clerk-b", "task-opened:clerk-b" }));
    }

    [Test]
    public async Task A_completed_task_cannot_be_completed_again()
    {
        var started = await StartCaseAsync("three-steps");
        var task = await OpenTaskAsync(started.CaseId, "receive");
        await CompleteAsync(task.Id);

        var again = Assert.ThrowsAsync<RuntimeException>(() => CompleteAsync(task.Id));

        Assert.That((again!.Kind, again.Code), Is.EqualTo((RuntimeErrorKind.Conflict, "task-closed")));
    }

    [Test]
    public async Task Cancel_ends_the_case_and_closes_its_tasks_and_timers()
    {
        var started = await StartCaseAsync("three-steps");
        await CompleteAsync((await OpenTaskAsync(started.CaseId, "receive")).Id);

        await Host.RuntimeAsync(r => r.CancelCaseAsync(started.CaseId, "withdrawn by the applicant", "clerk-a"));

        Assert.That((await CaseAsync(started.CaseId)).Status, Is.EqualTo(CaseStatus.Cancelled));
        Assert.That(await Host.DbAsync(db => db.Tasks.CountAsync(t => t.CaseId == started.CaseId.Value && t.State == TaskState.Cancelled)), Is.EqualTo(1));
        Assert.That(await Host.DbAsync(db => db.Timers.CountAsync(t => t.CaseId == started.CaseId.Value && t.State == TimerState.Cancelled)), Is.EqualTo(1));
    }

    [Test]
    public void Unknown_cases_tasks_and_workflows_are_not_found()
    {
        Assert.That(Assert.ThrowsAsync<RuntimeException>(() => StartCaseAsync("no-such-workflow"))!.Kind, Is.EqualTo(RuntimeErrorKind.NotFound));
        Assert.That(Assert.ThrowsAsync<RuntimeException>(() => CompleteAsync(Guid.NewGuid()))!.Kind, Is.EqualTo(RuntimeErrorKind.NotFound));
        Assert.That(Assert.ThrowsAsync<RuntimeException>(() => Host.RuntimeAsync(r => r.CancelCaseAsync(new CaseId(Guid.NewGuid()), "x", "clerk")))!.Kind, Is.EqualTo(RuntimeErrorKind.NotFound));
    }

    [Test]
    public async Task Every_command_records_the_acting_user()
    {
        var started = await StartCaseAsync("three-steps");
        var actors = await Host.DbAsync(db => db.Audit.AsNoTracking().Where(a => a.CaseId == started.CaseId.Value).Select(a => a.Actor).Distinct().ToListAsync());
        Assert.That(actors, Is.EqualTo(new[] { "clerk-a" }));
    }
}
