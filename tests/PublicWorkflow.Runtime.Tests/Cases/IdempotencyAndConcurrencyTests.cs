using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Runtime.Tests.Cases;

[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class IdempotencyAndConcurrencyTests(string provider) : RuntimeSuite(provider)
{
    [SetUp]
    public Task PublishAsync() => Host.PublishAsync("three-steps", TestWorkflows.ThreeSteps());

    [Test]
    public async Task A_repeated_start_with_the_same_key_returns_the_first_case_and_creates_nothing()
    {
        var first = await StartCaseAsync("three-steps", new { a = 1 }, idempotencyKey: "branch-7:receipt-001");
        var second = await StartCaseAsync("three-steps", new { a = 1 }, idempotencyKey: "branch-7:receipt-001");

        Assert.That(second, Is.EqualTo(first).Using<CommandOutcome>((x, y) => x.CaseId == y.CaseId && x.Revision == y.Revision && x.OpenedTasks.SequenceEqual(y.OpenedTasks)));
        Assert.That(await Host.DbAsync(db => db.Cases.CountAsync()), Is.EqualTo(1));
        Assert.That(await Host.DbAsync(db => db.Tasks.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task A_repeated_completion_with_the_same_key_changes_nothing()
    {
        var started = await StartCaseAsync("three-steps");
        var task = await OpenTaskAsync(started.CaseId, "receive");
        var first = await CompleteAsync(task.Id, idempotencyKey: "k-complete");
        var before = await Host.DbAsync(async db => (await db.Audit.CountAsync(), await db.Tasks.CountAsync(), (await db.Cases.AsNoTracking().SingleAsync()).Revision));

        var repeat = await CompleteAsync(task.Id, idempotencyKey: "k-complete");

        Assert.That((repeat.Revision, repeat.CaseId), Is.EqualTo((first.Revision, first.CaseId)));
        var after = await Host.DbAsync(async db => (await db.Audit.CountAsync(), await db.Tasks.CountAsync(), (await db.Cases.AsNoTracking().SingleAsync()).Revision));
        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public async Task A_key_reused_for_a_different_request_is_refused()
    {
        await StartCaseAsync("three-steps", new { a = 1 }, idempotencyKey: "k1");

        var ex = Assert.ThrowsAsync<RuntimeException>(() => StartCaseAsync("three-steps", new { a = 2 }, idempotencyKey: "k1"));

        Assert.That(ex!.Code, Is.EqualTo("idempotency-key-reused"));
        Assert.That(await Host.DbAsync(db => db.Cases.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_repeats_of_one_keyed_command_run_it_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => StartCaseAsync("three-steps", idempotencyKey: "same-key"))));

        Assert.That(results.Select(r => r.CaseId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(await Host.DbAsync(db => db.Cases.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task Of_each_pair_of_concurrent_completions_of_one_task_exactly_one_succeeds()
    {
        const int pairs = 12;
        var tasks = new List<Guid>();
        for (var i = 0; i < pairs; i++)
        {
            var started = await StartCaseAsync("three-steps");
            tasks.Add((await OpenTaskAsync(started.CaseId, "receive")).Id);
        }

        var outcomes = await Task.WhenAll(tasks.Select(async task =>
        {
            using var go = new SemaphoreSlim(0);
            async Task<bool> Attempt(string clerk)
            {
                await go.WaitAsync();
                try
                {
                    await CompleteAsync(task, actor: clerk);
                    return true;
                }
                catch (RuntimeException ex) when (ex.Kind == RuntimeErrorKind.Conflict)
                {
                    return false;
                }
            }
            var a = Task.Run(() => Attempt("clerk-a"));
            var b = Task.Run(() => Attempt("clerk-b"));
            go.Release(2);
            return (await a ? 1 : 0) + (await b ? 1 : 0);
        }));

        Assert.That(outcomes, Is.All.EqualTo(1), "exactly one success per pair");
        Assert.That(await Host.DbAsync(db => db.Tasks.CountAsync(t => t.ElementId == "appraise")), Is.EqualTo(pairs), "each case moved on once");
        Assert.That(await Host.DbAsync(db => db.Audit.CountAsync(a => a.Kind == "step-completed")), Is.EqualTo(pairs), "no step completed twice");
    }
}
