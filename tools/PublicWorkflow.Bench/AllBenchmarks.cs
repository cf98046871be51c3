using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.Bench;

/// <summary>
/// Every scenario in one run (short versions), each line printed as it comes, then a Markdown report: each figure
/// beside its target with pass or fail, and the machine it was measured on. <c>--smoke</c> makes every scenario tiny:
/// the test command proves they all still run and the report is written, not what the figures are.
/// </summary>
internal static class AllBenchmarks
{
    public sealed record Settings(string Connection, bool Smoke, FaultsBenchmark.Outage? Outage, string ReportPath);

    public static async Task<int> RunAsync(Settings settings, TextWriter output)
    {
        var smoke = settings.Smoke;
        var lines = new List<BenchLine>();
        void Add(IEnumerable<BenchLine> more)
        {
            foreach (var line in more)
            {
                output.WriteLine(line.ToJson());
                output.Flush();
                lines.Add(line);
            }
        }
        TimeSpan Seconds(double full) => TimeSpan.FromSeconds(smoke ? 2 : full);
        var started = DateTime.UtcNow;

        Add([EngineBenchmark.Run(smoke ? 500 : 20_000)]);
        Add(ShapeBenchmarks.RunAll());
        var sqlite = Path.Combine(Path.GetTempPath(), $"pwf-bench-all-{Guid.NewGuid():N}.db");
        try
        {
            Add([await DurableBenchmark.RunAsync(DatabaseProvider.Sqlite, $"Data Source={sqlite}", 1, Seconds(10))]);
        }
        finally
        {
            SqliteFiles.Delete(sqlite);
        }
        foreach (var workers in new[] { 1, 64 })
        {
            await using var database = await ServerProcess.CreateDatabaseAsync(settings.Connection, "pwf_bench_durable");
            Add([await DurableBenchmark.RunAsync(DatabaseProvider.Postgres, database.Connection, workers, Seconds(10))]);
        }
        Add(await HttpBenchmark.RunOpenLoopAsync(settings.Connection, Seconds(10), smoke ? [200] : [200, 400, 800, 1600]));
        Add(await PeersBenchmark.RunAsync(smoke ? 100 : 1_000, smoke ? [16] : [16, 64], Seconds(10)));
        Add([await VolumeBenchmark.RunAsync(settings.Connection, smoke ? 2_000 : 200_000, smoke ? 400 : 40_000, smoke ? 5 : 100, keepDatabase: false)]);
        Add(await FaultsBenchmark.RunAsync(settings.Connection, smoke ? 2 : 20, smoke ? 8 : 64, Seconds(60), settings.Outage));

        File.WriteAllText(settings.ReportPath, Report(lines, smoke, started, DateTime.UtcNow));
        output.WriteLine($"bench: report written to {settings.ReportPath}");
        // Speed targets are reported; losing or repeating work under faults, or indicators that differ from a count of the
        // dossiers, is a failure of the run, even a smoke one.
        var faultsHeld = lines.Where(l => Is(l, "scenario", "faults-kill") || Is(l, "scenario", "faults-database-outage"))
            .All(l => Number(l, "lost") == 0 && Number(l, "duplicated") == 0 && Number(l, "timers_fired_twice") == 0);
        var indicatorsHeld = lines.Where(l => Is(l, "scenario", "volume")).All(l => Is(l, "indicators_equal_count", true));
        return faultsHeld && indicatorsHeld ? 0 : 1;
    }

    /// <summary>A figure of a scenario's line, the target it is held to (none for figures kept for comparison), and whether it met it.</summary>
    private sealed record Check(string Scenario, Func<BenchLine, bool> Applies, Func<BenchLine, string> Figure, Func<BenchLine, string> Value,
        Func<BenchLine, string> Target, Func<BenchLine, bool?> Met);

    private static Func<BenchLine, string> Plain(string target) => _ => target;

    private static readonly Func<BenchLine, bool?> NoTarget = _ => null;

    private static double Number(BenchLine line, string field) => Convert.ToDouble(line.Fields[field], CultureInfo.InvariantCulture);

    private static bool Is(BenchLine line, string field, object value) =>
        line.Fields.TryGetValue(field, out var actual) && Convert.ToString(actual, CultureInfo.InvariantCulture) == Convert.ToString(value, CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString(value >= 100 ? "N0" : "0.###", CultureInfo.InvariantCulture);

    private static readonly Check[] Checks =
    [
        new("engine", l => Is(l, "scenario", "engine"), _ => "pure engine, one procedure end to end: commands/s", l => Format(Number(l, "commands_per_s")), Plain("—"), NoTarget),
        new("durable", l => Is(l, "scenario", "durable") && Is(l, "workers", 1), l => $"{l.Fields["provider"]}, 1 worker: commands/s ÷ bare write sets/s",
            l => $"{Format(Number(l, "commands_per_s"))} ÷ {Format(Number(l, "write_sets_per_s"))} = {Format(Number(l, "write_set_ratio"))}", Plain("≥ 0.8"),
            l => Number(l, "write_set_ratio") >= 0.8),
        new("durable", l => Is(l, "scenario", "durable") && Is(l, "workers", 64), l => $"{l.Fields["provider"]}, 64 workers (group commit): commands/s",
            l => Format(Number(l, "commands_per_s")), Plain("≥ 3,400 (2 × 1,700)"), l => Number(l, "commands_per_s") >= 3_400),
        new("http", l => Is(l, "scenario", "http-open"), l => $"open loop at {Format(Number(l, "target_rate"))} requests/s: p50 / p99, errors",
            l => $"{Format(Number(l, "p50_ms"))} / {Format(Number(l, "p99_ms"))} ms, {l.Fields["errors"]}",
            l => Is(l, "target_rate", 800) ? "p99 < 50 ms, 0 errors" : "—", l => Is(l, "target_rate", 800) ? Number(l, "p99_ms") < 50 && Number(l, "errors") == 0 : null),
        new("http", l => Is(l, "scenario", "http-saturation"), _ => "saturation (closed loop 64 + 64): requests/s", l => Format(Number(l, "requests_per_s")),
            Plain("≥ 2,000"), l => Number(l, "requests_per_s") >= 2_000),
        new("peers", l => Is(l, "scenario", "peers") && Is(l, "engine", "workflowcore-in-memory"),
            l => $"WorkflowCore 3.22.0 in memory, {l.Fields["drivers"]} drivers, idle {l.Fields["idle_time_ms"]} ms: commands/s", l => Format(Number(l, "commands_per_s")), Plain("—"), NoTarget),
        new("peers", l => Is(l, "scenario", "peers") && Is(l, "engine", "publicworkflow-durable-sqlite"),
            l => $"durable on SQLite, {l.Fields["workers"]} worker(s) ÷ WorkflowCore's best", l => $"{Format(Number(l, "commands_per_s"))} → {Format(Number(l, "ratio_to_workflowcore_best"))}×",
            l => Is(l, "workers", 1) ? "≥ 1.0×" : "—", l => Is(l, "workers", 1) ? Number(l, "ratio_to_workflowcore_best") >= 1.0 : null),
        new("volume", l => Is(l, "scenario", "volume"), l => $"{Format(Number(l, "dossiers"))} dossiers ({Format(Number(l, "with_full_history"))} with history): load, indicators counted, disk",
            l => $"{Format(Number(l, "load_s"))} s, {Format(Number(l, "indicators_counted_s"))} s, {Format(Number(l, "database_gb"))} GB", Plain("—"), NoTarget),
        new("volume", l => Is(l, "scenario", "volume"), _ => "indicators (month, year) from the kept sums = counted from the dossiers",
            l => Is(l, "indicators_equal_count", true) ? "equal" : "different", Plain("equal"), l => Is(l, "indicators_equal_count", true)),
        new("faults", l => Is(l, "scenario", "faults-kill"), l => $"{l.Fields["kills"]} × kill -9 of one of 2 nodes, {l.Fields["workers"]} workers: lost / duplicated / timers fired twice",
            l => $"{l.Fields["lost"]} / {l.Fields["duplicated"]} / {l.Fields["timers_fired_twice"]} of {Format(Number(l, "commands_acknowledged"))} commands, {Format(Number(l, "timers_due"))} timers due",
            Plain("0 / 0 / 0 over ≥ 20 kills"), l => Number(l, "lost") == 0 && Number(l, "duplicated") == 0 && Number(l, "timers_fired_twice") == 0 && Number(l, "kills") >= 20),
        new("faults", l => Is(l, "scenario", "faults-database-outage"), l => $"PostgreSQL stopped {l.Fields["outage_s"]} s under load: answers meanwhile, recovery, lost / duplicated",
            l => $"{string.Join(", ", ((IDictionary<string, long>)l.Fields["answers_during_outage"]).Select(a => $"{a.Value} × {a.Key}"))}; back after {l.Fields["recovered_after_s"]} s; {l.Fields["lost"]} / {l.Fields["duplicated"]}",
            Plain("503 + Retry-After, recovery, 0 / 0"),
            l => ((IDictionary<string, long>)l.Fields["answers_during_outage"]).Keys.All(k => k is "503 with Retry-After" || !k.StartsWith('5') && k != "no answer in 30 s")
                && Number(l, "recovered_after_s") >= 0 && Number(l, "lost") == 0 && Number(l, "duplicated") == 0),
    ];

    private static string Report(List<BenchLine> lines, bool smoke, DateTime started, DateTime finished)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmarks");
        text.AppendLine();
        text.AppendLine(smoke
            ? "A **smoke run** (every scenario tiny): it shows the scenarios run, not what the figures are."
            : "Written by `dotnet run -c Release --project tools/PublicWorkflow.Bench -- all --connection …` (every scenario, short versions). "
              + "Figures from one sitting on the machine below; compare ratios within a run, not absolute numbers across machines.");
        text.AppendLine();
        text.AppendLine($"- Run: {started:yyyy-MM-dd HH:mm} to {finished:HH:mm} UTC");
        text.AppendLine($"- Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        text.AppendLine("- Everything on this one machine: the load generator, the server nodes and PostgreSQL share its cores.");
        text.AppendLine();
        text.AppendLine("| Scenario | Figure | Measured | Target | Met |");
        text.AppendLine("|---|---|---|---|---|");
        // A volume line's questions follow its first row, once.
        var detailed = new HashSet<BenchLine>();
        foreach (var check in Checks)
        {
            foreach (var line in lines.Where(check.Applies))
            {
                var met = check.Met(line) switch { null => "—", true => "yes", false => "**no**" };
                text.AppendLine($"| {check.Scenario} | {check.Figure(line)} | {check.Value(line)} | {check.Target(line)} | {met} |");
                if (Is(line, "scenario", "volume") && detailed.Add(line))
                {
                    foreach (var (question, figures) in (IDictionary<string, Dictionary<string, double>>)line.Fields["latency"])
                    {
                        var p99 = figures["p99_ms"];
                        text.AppendLine($"| volume | {question.Replace('_', ' ')}: p50 / p99 | {Format(figures["p50_ms"])} / {Format(p99)} ms | p99 < 50 ms | {(p99 < 50 && figures["errors"] == 0 ? "yes" : "**no**")} |");
                    }
                }
            }
        }
        text.AppendLine();
        text.AppendLine("## Every line");
        text.AppendLine();
        text.AppendLine("```");
        foreach (var line in lines)
        {
            text.AppendLine(line.ToJson());
        }
        text.AppendLine("```");
        return text.ToString();
    }
}
