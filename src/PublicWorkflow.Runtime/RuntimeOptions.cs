namespace PublicWorkflow.Runtime;

/// <summary>Settings under "Runtime".</summary>
public sealed class RuntimeOptions
{
    public const string Section = "Runtime";

    private static readonly TimeSpan[] DefaultRetryDelays = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    /// <summary>
    /// Waits before each retry of a failing service handler; when they run out, the step gets an incident.
    /// Null means the defaults (10 s, 1 min, 5 min): a default array here would be appended to, not replaced, by configuration.
    /// </summary>
    public TimeSpan[]? HandlerRetryDelays { get; set; }

    public IReadOnlyList<TimeSpan> RetryDelays => HandlerRetryDelays is { Length: > 0 } delays ? delays : DefaultRetryDelays;

    /// <summary>Cron of the sweep that fires due timers Hangfire missed and hands over stuck outbox rows (seconds allowed).</summary>
    public string SweepCron { get; set; } = "*/30 * * * * *";

    /// <summary>How often Hangfire looks for scheduled jobs that fell due (its default, 15 s, makes deadlines late).</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int WorkerCount { get; set; } = Math.Max(4, Environment.ProcessorCount * 2);

    /// <summary>Run a Hangfire server in this process. Off for nodes that only serve requests and leave jobs to others.</summary>
    public bool ProcessJobs { get; set; } = true;
}
