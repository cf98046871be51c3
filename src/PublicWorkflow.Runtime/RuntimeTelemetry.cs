using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PublicWorkflow.Runtime;

/// <summary>
/// What the runtime tells an observer, through .NET's own diagnostics (no exporter here; the host chooses one): a span
/// per command on a case, and the count and duration of commands by kind and outcome. Nothing is recorded unless a
/// listener is attached, so it costs nothing when telemetry is off.
/// </summary>
public static class RuntimeTelemetry
{
    public const string Name = "PublicWorkflow.Runtime";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Commands = Meter.CreateCounter<long>("pwf.commands", "{command}", "Commands run on cases, by kind and outcome");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("pwf.command.duration", "ms", "Time from reading a case to its commit");

    /// <summary>Starts the command's span; dispose it when the command ends. Null when no one listens.</summary>
    public static Activity? StartCommand(string kind, Guid caseId, string? businessKey)
    {
        var activity = Source.StartActivity($"case {kind}");
        activity?.SetTag("pwf.case.id", caseId);
        activity?.SetTag("pwf.case.key", businessKey);
        return activity;
    }

    public static void Record(string kind, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "pwf.command", kind }, { "pwf.outcome", outcome } };
        Commands.Add(1, tags);
        Duration.Record(elapsed.TotalMilliseconds, tags);
    }
}
