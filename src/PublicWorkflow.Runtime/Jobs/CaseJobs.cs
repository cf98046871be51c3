using Hangfire;
using PublicWorkflow.Runtime.Cases;

namespace PublicWorkflow.Runtime.Jobs;

/// <summary>
/// Hangfire entry points for timers and called cases. Each is idempotent, so a repeated delivery is harmless, and
/// marks its outbox row completed when done.
/// </summary>
public sealed class CaseJobs(CaseRuntime runtime, OutboxDispatcher outbox)
{
    [AutomaticRetry(Attempts = 10)]
    public Task FireTimerAsync(Guid caseId, Guid timerRecordId) => runtime.FireTimerAsync(timerRecordId);

    [AutomaticRetry(Attempts = 10)]
    public async Task StartCalledCaseAsync(Guid outboxId, Guid parentCaseId, StartChildPayload call)
    {
        await runtime.StartCalledCaseAsync(new CaseId(parentCaseId), call);
        await outbox.CompleteAsync(outboxId);
    }

    [AutomaticRetry(Attempts = 10)]
    public async Task ReportToParentAsync(Guid outboxId, ReportToParentPayload report)
    {
        await runtime.ReportToParentAsync(report);
        await outbox.CompleteAsync(outboxId);
    }

    [AutomaticRetry(Attempts = 10)]
    public async Task CancelCalledCaseAsync(Guid outboxId, Guid parentCaseId, string activityId)
    {
        await runtime.CancelCalledCaseAsync(new CaseId(parentCaseId), activityId);
        await outbox.CompleteAsync(outboxId);
    }
}
