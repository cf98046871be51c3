using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Runtime.Jobs;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Runtime.Tests.Jobs;

/// <summary>
/// Long due work (a recount that takes minutes) runs in its own recurring job: the sweep's timers do not wait behind
/// it, and the schedule never runs it twice at once.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class LongDueWorkTests(string provider) : RuntimeSuite(provider)
{
    protected override void AddServices(IServiceCollection services) => services.AddScoped<ILongDueWork, SlowWork>();

    [Test]
    public async Task A_timer_fires_while_long_work_runs_and_the_work_never_runs_twice_at_once()
    {
        SlowWork.Reset();
        await Host.PublishAsync("cool-off", TestWorkflows.TimerThenTask("PT1S"));
        await Host.WaitForAsync(_ => Task.FromResult(SlowWork.Running), "the long work starts on the sweep's schedule");

        var started = await StartCaseAsync("cool-off");
        await Host.WaitForAsync(db => db.Tasks.AnyAsync(t => t.CaseId == started.CaseId.Value && t.ElementId == "after"), "the timer fires meanwhile");
        Assert.That(SlowWork.Running, Is.True, "the long work was still running when the timer fired");
        await Host.WaitForAsync(_ => Task.FromResult(SlowWork.Runs >= 2), "the schedule runs it again after the first run ends");
        Assert.That(SlowWork.MostAtOnce, Is.EqualTo(1), "triggers during a run gave up instead of running beside it");
    }

    private sealed class SlowWork : ILongDueWork
    {
        private static int running;
        private static int runs;
        private static int mostAtOnce;

        public static bool Running => Volatile.Read(ref running) > 0;
        public static int Runs => Volatile.Read(ref runs);
        public static int MostAtOnce => Volatile.Read(ref mostAtOnce);

        public static void Reset() => running = runs = mostAtOnce = 0;

        public string JobId => "test-slow-work";

        public async Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            var atOnce = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, atOnce);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref running);
                Interlocked.Increment(ref runs);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            {
                if (Interlocked.CompareExchange(ref target, value, seen) == seen)
                {
                    return;
                }
            }
        }
    }
}
