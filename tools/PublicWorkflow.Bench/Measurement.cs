using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace PublicWorkflow.Bench;

/// <summary>Times a loop on the current thread and counts what it allocated.</summary>
internal static class Measure
{
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
