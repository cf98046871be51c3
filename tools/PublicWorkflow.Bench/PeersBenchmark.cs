using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Runtime.Persistence;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace PublicWorkflow.Bench;

/// <summary>
/// The same shape — start, six human steps, end — on WorkflowCore 3.22.0 (its in-memory provider: the fastest it has
/// here) and on PublicWorkflow (the pure engine; the durable runtime on a SQLite file with 1 and 8 workers), in one run,
/// counted the same way: a workflow is 7 commands (the start and six steps). WorkflowCore gets its best settings as
/// measured: each step a <c>WaitFor(event, key = the workflow's id)</c> with an effective date at the epoch so every
/// event may be published at once right after the start (no polling for subscriptions), <c>IdleTime</c> both its default
/// 100 ms and 1 ms, 16 and 64 drivers, and N = 1,000 workflows per round, its best point (its in-memory store scans
/// lists and slows as it grows); the ratios are to its best line.
/// </summary>
internal static class PeersBenchmark
{
    private const int StepsPerWorkflow = 7;

    /// <summary>Workflows of the current round that ran their last step (WorkflowCore's lifecycle events do not reach the host here).</summary>
    private static int completed;

    public static async Task<List<BenchLine>> RunAsync(int workflows, int[] drivers, TimeSpan durableDuration)
    {
        var lines = new List<BenchLine>();
        var peer = new List<(int Drivers, double CommandsPerSecond)>();
        // Its idle time (how long a worker sleeps on an empty queue): the default 100 ms, and 1 ms; the best counts.
        foreach (var idle in new[] { 100, 1 })
        {
            foreach (var count in drivers)
            {
                await WorkflowCoreAsync(workflows, count, idle); // warm-up round
                var perSecond = await WorkflowCoreAsync(workflows, count, idle);
                peer.Add((count, perSecond));
                lines.Add(Line("workflowcore-in-memory", perSecond, new()
                {
                    ["drivers"] = count, ["workflows"] = workflows, ["idle_time_ms"] = idle, ["events"] = "all at once after start",
                }));
            }
        }
        var best = peer.Max(p => p.CommandsPerSecond);
        var engine = PureEngine(TimeSpan.FromSeconds(3));
        lines.Add(Line("publicworkflow-engine", engine, new() { ["ratio_to_workflowcore_best"] = Math.Round(engine / best, 2) }));
        foreach (var workers in new[] { 1, 8 })
        {
            var file = Path.Combine(Path.GetTempPath(), $"pwf-bench-peers-{Guid.NewGuid():N}.db");
            try
            {
                var durable = await DurableBenchmark.RunAsync(DatabaseProvider.Sqlite, $"Data Source={file}", workers, durableDuration);
                var perSecond = Convert.ToDouble(durable.Fields["commands_per_s"], System.Globalization.CultureInfo.InvariantCulture);
                lines.Add(Line("publicworkflow-durable-sqlite", perSecond, new()
                {
                    ["workers"] = workers, ["ratio_to_workflowcore_best"] = Math.Round(perSecond / best, 2),
                }));
            }
            finally
            {
                SqliteFiles.Delete(file);
            }
        }
        return lines;
    }

    private static BenchLine Line(string engine, double commandsPerSecond, Dictionary<string, object> extra)
    {
        var fields = new Dictionary<string, object>
        {
            ["scenario"] = "peers", ["engine"] = engine, ["shape"] = "start, 6 human steps, end",
            ["commands_per_s"] = BenchLine.Round(commandsPerSecond), ["workflows_per_s"] = BenchLine.Round(commandsPerSecond / StepsPerWorkflow),
        };
        foreach (var (key, value) in extra)
        {
            fields[key] = value;
        }
        return new BenchLine(fields);
    }

    /// <summary>WorkflowCore's commands per second: <paramref name="workflows"/> workflows started and fed by <paramref name="drivers"/> drivers, to the last completion.</summary>
    private static async Task<double> WorkflowCoreAsync(int workflows, int drivers, int idleMilliseconds)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddWorkflow(options => options.UseIdleTime(TimeSpan.FromMilliseconds(idleMilliseconds)));
        await using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<SixWaits, SixWaitsData>();
        var done = new TaskCompletionSource();
        SixWaits.Finished = () =>
        {
            if (Interlocked.Increment(ref completed) == workflows)
            {
                done.TrySetResult();
            }
        };
        completed = 0;
        host.Start();
        try
        {
            var next = -1;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, drivers).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) < workflows)
                {
                    var id = await host.StartWorkflow(SixWaits.Name, 1, new SixWaitsData());
                    for (var step = 1; step <= 6; step++)
                    {
                        await host.PublishEvent($"step{step}", id, null);
                    }
                }
            })));
            if (await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromMinutes(2))) != done.Task)
            {
                throw new InvalidOperationException($"WorkflowCore completed {completed} of {workflows} workflows in two minutes");
            }
            return workflows * StepsPerWorkflow / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        finally
        {
            host.Stop();
        }
    }

    /// <summary>The pure interpreter on the same shape, one thread: start, then complete each step as it opens.</summary>
    private static double PureEngine(TimeSpan duration)
    {
        var definition = BpmnParser.Parse(DurableBenchmark.Procedure);
        var interpreter = new Interpreter(WorkingCalendar.BuiltIn);
        var now = DateTimeOffset.UtcNow;
        long commands = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var result = interpreter.Execute(definition, CaseState.New, new StartCase(null), now);
            commands++;
            while (result.Effects.OfType<OpenTask>().FirstOrDefault() is { } open)
            {
                result = interpreter.Execute(definition, result.State, new CompleteTask(open.ActivityId, null), now);
                commands++;
            }
        }
        return commands / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private sealed class SixWaitsData;

    /// <summary>Start, then six steps each waiting for its event keyed by the workflow's id (a person completing it).</summary>
    private sealed class SixWaits : IWorkflow<SixWaitsData>
    {
        public const string Name = "six-waits";

        public string Id => Name;

        public int Version => 1;

        /// <summary>Told when a workflow ends: its last step calls it.</summary>
        public static Action Finished { get; set; } = () => { };

        public void Build(IWorkflowBuilder<SixWaitsData> builder)
        {
            var flow = builder.StartWith(_ => WorkflowCore.Models.ExecutionResult.Next());
            for (var step = 1; step <= 6; step++)
            {
                flow = flow.WaitFor($"step{step}", (_, context) => context.Workflow.Id, _ => DateTime.MinValue).Then(_ => WorkflowCore.Models.ExecutionResult.Next());
            }
            flow.Then(_ =>
            {
                Finished();
                return WorkflowCore.Models.ExecutionResult.Next();
            });
        }
    }
}
