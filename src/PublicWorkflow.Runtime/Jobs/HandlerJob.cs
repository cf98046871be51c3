using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Handlers;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.Runtime.Jobs;

/// <summary>
/// Runs a service task's handler. Retries follow <see cref="RuntimeOptions.HandlerRetryDelays"/> (our own policy,
/// not Hangfire's, so that the last failure can open an incident on the case instead of only failing a job).
/// </summary>
public sealed class HandlerJob(
    CaseRuntime runtime,
    OutboxDispatcher outbox,
    HandlerRegistry handlers,
    WorkflowDbContext db,
    IBackgroundJobClient jobs,
    IOptions<RuntimeOptions> options,
    ILogger<HandlerJob> log)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid outboxId, Guid caseId, string activityId, string elementId, string handlerName, int attempt)
    {
        if (await RunStepAsync(outboxId, caseId, activityId, elementId, handlerName, attempt))
        {
            await outbox.CompleteAsync(outboxId);
        }
    }

    /// <summary>Returns true when the step's work is over (succeeded, incident, or nothing left to do); false when a retry is scheduled.</summary>
    private async Task<bool> RunStepAsync(Guid outboxId, Guid caseId, string activityId, string elementId, string handlerName, int attempt)
    {
        var stored = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.Status, c.StateJson }).SingleOrDefaultAsync();
        if (stored is null || stored.Status != CaseStatus.Running)
        {
            return true;
        }
        var state = CaseState.FromJson(stored.StateJson);
        if (!state.Activities.Any(a => a.Id == activityId && a.Status == StepStatus.Waiting))
        {
            return true; // the step ended or already holds an incident: nothing to run
        }

        IReadOnlyDictionary<string, JsonElement> outputs;
        try
        {
            outputs = await handlers.Resolve(handlerName).HandleAsync(new HandlerContext(caseId, activityId, elementId, handlerName, state.Variables), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            var delays = options.Value.RetryDelays;
            if (attempt <= delays.Count)
            {
                log.LogWarning(ex, "Handler {Handler} failed for case {Case} step {Step} (attempt {Attempt}); retrying in {Delay}",
                    handlerName, caseId, activityId, attempt, delays[attempt - 1]);
                jobs.Schedule<HandlerJob>(j => j.RunAsync(outboxId, caseId, activityId, elementId, handlerName, attempt + 1), delays[attempt - 1]);
                return false;
            }
            log.LogError(ex, "Handler {Handler} failed for case {Case} step {Step} {Attempt} times: incident opened", handlerName, caseId, activityId, attempt);
            await runtime.HandlerFailedAsync(new CaseId(caseId), activityId, $"{handlerName} failed {attempt} time(s): {ex.Message}");
            return true;
        }

        try
        {
            await runtime.HandlerSucceededAsync(new CaseId(caseId), activityId, outputs);
        }
        catch (RuntimeException ex) when (ex.Kind == RuntimeErrorKind.Rejected)
        {
            // The handler's outputs leave the case with no way on (e.g. a condition fails): a person must look.
            db.ChangeTracker.Clear();
            await runtime.HandlerFailedAsync(new CaseId(caseId), activityId, $"{handlerName} succeeded but its result could not be used: {ex.Message}");
        }
        return true;
    }
}
