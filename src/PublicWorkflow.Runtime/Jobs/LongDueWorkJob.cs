using Hangfire;

namespace PublicWorkflow.Runtime.Jobs;

/// <summary>
/// Runs one <see cref="ILongDueWork"/>, found by its job id, on the runtime's clock. While a run is going, the next
/// ones the schedule starts give up at once and are deleted, rather than each holding a Hangfire worker while it waits.
/// </summary>
public sealed class LongDueWorkJob(IEnumerable<ILongDueWork> works, TimeProvider clock)
{
    [DisableConcurrentExecution(timeoutInSeconds: 0)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task RunAsync(string jobId) =>
        (works.SingleOrDefault(w => w.JobId == jobId) ?? throw new InvalidOperationException($"no long due work has the job id '{jobId}'"))
        .RunDueAsync(clock.GetUtcNow());
}
