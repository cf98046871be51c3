using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace PublicWorkflow.Bench;

/// <summary>Times a loop on the current thread and counts what it allocated.</summary>
internal static class Measure
{
    /// <summary>
    /// Long enough for the tiered JIT to promote hot methods (it waits ~100 ms, then recompiles in the background):
    /// a short warm-up would time unoptimised code.
    /// </summary>
    public static readonly TimeSpan MinimumWarmUp = TimeSpan.FromSeconds(3);

    /// <summary>Runs <paramref name="body"/> at least <paramref name="minimumRuns"/> times and for at least <see cref="MinimumWarmUp"/>.</summary>
    public static void WarmUp(Action body, int minimumRuns)
    {
        var watch = Stopwatch.StartNew();
        for (var runs = 0; runs < minimumRuns || watch.Elapsed < MinimumWarmUp; runs++)
        {
            body();
        }
    }

    /// <summary>The value below which a share <paramref name="p"/> of the sorted measurements fall (nearest rank).</summary>
    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    public static (double Seconds, long AllocatedBytes) Run(Action body)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        body();
        watch.Stop();
        return (watch.Elapsed.TotalSeconds, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }
}

internal sealed record BenchLine(IReadOnlyDictionary<string, object> Fields)
{
    public string ToJson() => JsonSerializer.Serialize(Fields);

    public static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    public static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
