using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Runtime.Definitions;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>
/// Runs commands against stored cases. Each command: load the case, <see cref="Interpreter.Execute"/>, write
/// the new state with its tasks, timers, audit and outbox rows, and commit once. Of two concurrent commands
/// on one case exactly one wins (the case's revision is the concurrency token); a command repeated with the
/// same idempotency key gets the first answer and changes nothing.
/// </summary>
public sealed class CaseRuntime(
    WorkflowDbContext db,
    DefinitionStore definitions,
    Interpreter interpreter,
    OutboxDispatcher dispatcher,
    TimeProvider clock,
    IEnumerable<ICaseCommandHook> hooks)
{
    /// <summary>The actor recorded for what jobs do (timers, handlers, called cases).</summary>
    public const string SystemActor = "system";

    private readonly CaseWriter writer = new(db);

    private readonly CommandIdempotency idempotency = new(db, clock);

    private readonly ICaseCommandHook[] hooks = hooks.ToArray();

    public Task<CommandOutcome> StartCaseAsync(string definitionKey, IReadOnlyDictionary<string, JsonElement>? variables, string actor,
        string? idempotencyKey = null, CancellationToken cancellationToken = default, CaseOrigin? origin = null) =>
        idempotency.RunAsync(idempotencyKey, ("start", definitionKey, variables), async key =>
        {
            var definition = await definitions.LatestPublishedAsync(definitionKey, cancellationToken)
                ?? throw RuntimeException.NotFound("published workflow", definitionKey);
            var record = NewCase(definition);
            if (origin is not null)
            {
                record.Id = origin.CaseId.Value;
                record.BusinessKey = origin.BusinessKey;
            }
            return await RunAsync(record, new StartCase(variables), actor, key, cancellationToken, isNew: true);
        }, cancellationToken);

    /// <param name="authorize">Checks the task row as read (the caller's scope, an If-Match) before anything changes; it throws to refuse.</param>
    public Task<CommandOutcome> CompleteTaskAsync(TaskId taskId, IReadOnlyDictionary<string, JsonElement>? outputs, string actor,
        string? idempotencyKey = null, CancellationToken cancellationToken = default, Action<TaskRecord>? authorize = null) =>
        idempotency.RunAsync(idempotencyKey, ("complete", taskId, outputs), async key =>
        {
            // The task and its case in one round trip: completing tasks is what clerks do all day.
            var found = await HotQueries.For(db).TaskWithCase(db, taskId.Value) ?? throw RuntimeException.NotFound("task", taskId);
            authorize?.Invoke(found.Task);
            var task = TaskClaims.EnsureOpen(found.Task);
            if (task.State == TaskState.Claimed && task.Assignee != actor)
            {
                throw new RuntimeException(RuntimeErrorKind.Conflict, "task-claimed", $"task {taskId} is claimed by {task.Assignee}");
            }
            return await RunAsync(found.Case, new CompleteTask(task.ActivityId, outputs), actor, key, cancellationToken, known: task);
        }, cancellationToken);

    public Task<CommandOutcome> DeliverMessageAsync(CaseId caseId, string messageName, IReadOnlyDictionary<string, JsonElement>? payload, string actor,
        string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        idempotency.RunAsync(idempotencyKey, ("message", caseId, messageName, payload), async key =>
            await RunAsync(await CaseAsync(caseId.Value, cancellationToken), new DeliverMessage(messageName, payload), actor, key, cancellationToken),
            cancellationToken);

    public Task<CommandOutcome> CancelCaseAsync(CaseId caseId, string reason, string actor, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        idempotency.RunAsync(idempotencyKey, ("cancel", caseId, reason), async key =>
            await RunAsync(await CaseAsync(caseId.Value, cancellationToken), new CancelCase(reason), actor, key, cancellationToken),
            cancellationToken);

    /// <summary>Clears an incident and runs its handler again.</summary>
    public Task<CommandOutcome> RetryIncidentAsync(Guid incidentId, string actor, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        idempotency.RunAsync(idempotencyKey, ("retry", incidentId), async key =>
        {
            var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken)
                ?? throw RuntimeException.NotFound("incident", incidentId);
            if (incident.ResolvedAt is not null)
            {
                throw new RuntimeException(RuntimeErrorKind.Conflict, "incident-resolved", $"incident {incidentId} was already retried");
            }
            incident.ResolvedAt = clock.GetUtcNow().UtcDateTime;
            return await RunAsync(await CaseAsync(incident.CaseId, cancellationToken), new RetryIncident(incident.ActivityId), actor, key, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Fires a stored timer into its case, at most once: a timer no longer pending (fired, cancelled) is left alone,
    /// so a second delivery by Hangfire, or the sweep racing the scheduled job, changes nothing.
    /// </summary>
    public Task FireTimerAsync(Guid timerRecordId, CancellationToken cancellationToken = default) =>
        RetryOnConflictAsync(async () =>
        {
            var timer = await db.Timers.SingleOrDefaultAsync(t => t.Id == timerRecordId, cancellationToken);
            if (timer is null || timer.State != TimerState.Pending)
            {
                return;
            }
            if (timer.DueAt > clock.GetUtcNow().UtcDateTime)
            {
                // Delivered early (clocks of several nodes differ): hand it back for its due time.
                dispatcher.ScheduleTimer(timer.CaseId, timer.Id, timer.DueAt);
                return;
            }
            var record = await CaseAsync(timer.CaseId, cancellationToken);
            if (record.Status != CaseStatus.Running)
            {
                timer.State = TimerState.Cancelled;
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            try
            {
                await RunAsync(record, new FireTimer(timer.TimerId), SystemActor, null, cancellationToken);
            }
            catch (RuntimeException ex) when (ex.Code is "step-not-active" or "case-not-running")
            {
                // Another delivery fired it between our two reads (its row said pending, its case no longer waited).
                db.ChangeTracker.Clear();
            }
        }, cancellationToken);

    public Task HandlerSucceededAsync(CaseId caseId, string activityId, IReadOnlyDictionary<string, JsonElement>? outputs, CancellationToken cancellationToken = default) =>
        SystemCommandAsync(caseId.Value, new HandlerSucceeded(activityId, outputs), cancellationToken);

    public Task HandlerFailedAsync(CaseId caseId, string activityId, string error, CancellationToken cancellationToken = default) =>
        SystemCommandAsync(caseId.Value, new HandlerFailed(activityId, error), cancellationToken);

    /// <summary>Starts the case a call activity asked for; a second request for the same call starts nothing.</summary>
    public Task StartCalledCaseAsync(CaseId parentCaseId, StartChildPayload call, CancellationToken cancellationToken = default) =>
        RetryOnConflictAsync(async () =>
        {
            if (await db.Cases.AnyAsync(c => c.ParentCaseId == parentCaseId.Value && c.ParentActivityId == call.ActivityId, cancellationToken))
            {
                return;
            }
            var definition = await definitions.LatestPublishedAsync(call.CalledElement, cancellationToken)
                ?? throw RuntimeException.NotFound("published workflow called by a call activity", call.CalledElement);
            var record = NewCase(definition);
            record.ParentCaseId = parentCaseId.Value;
            record.ParentActivityId = call.ActivityId;
            await RunAsync(record, new StartCase(Payload.Variables(call.VariablesJson)), SystemActor, null, cancellationToken, isNew: true);
        }, cancellationToken);

    /// <summary>A called case ended: its parent's call activity continues with the outcome and the child's variables.</summary>
    public Task ReportToParentAsync(ReportToParentPayload report, CancellationToken cancellationToken = default)
    {
        var outputs = Payload.Variables(report.VariablesJson);
        outputs["calledCaseOutcome"] = JsonSerializer.SerializeToElement(report.Outcome.ToString().ToLowerInvariant());
        return SystemCommandAsync(report.ParentCaseId, new CalledCaseCompleted(report.ParentActivityId, outputs), cancellationToken);
    }

    /// <summary>The call activity that started a case was cancelled: the called case is cancelled too.</summary>
    public Task CancelCalledCaseAsync(CaseId parentCaseId, string activityId, CancellationToken cancellationToken = default) =>
        RetryOnConflictAsync(async () =>
        {
            var child = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.ParentCaseId == parentCaseId.Value && c.ParentActivityId == activityId, cancellationToken);
            if (child is { Status: CaseStatus.Running })
            {
                await RunAsync(child, new CancelCase("the step that called this case was cancelled"), SystemActor, null, cancellationToken);
            }
        }, cancellationToken);

    private CaseRecord NewCase(DefinitionRecord definition)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new CaseRecord
        {
            Id = Guid.NewGuid(),
            DefinitionId = definition.Id,
            DefinitionKey = definition.Key,
            DefinitionVersion = definition.Version,
            Status = CaseStatus.NotStarted,
            StateJson = "",
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Read without tracking: the command's writes go through <see cref="CaseWriter"/>, never through EF.</summary>
    private async Task<CaseRecord> CaseAsync(Guid caseId, CancellationToken cancellationToken) =>
        await HotQueries.For(db).Case(db, caseId) ?? throw RuntimeException.NotFound("case", caseId);

    private async Task<CommandOutcome> RunAsync(CaseRecord record, Command command, string actor, CommandKey? key, CancellationToken cancellationToken,
        bool isNew = false, TaskRecord? known = null)
    {
        var kind = command.GetType().Name;
        using var activity = RuntimeTelemetry.StartCommand(kind, record.Id, record.BusinessKey);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var outcome = await ExecuteAsync(record, command, actor, key, isNew, known, cancellationToken);
            RuntimeTelemetry.Record(kind, "committed", System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return outcome;
        }
        catch (Exception ex)
        {
            var code = ex is RuntimeException runtime ? runtime.Code : ex.GetType().Name;
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, code);
            RuntimeTelemetry.Record(kind, code, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<CommandOutcome> ExecuteAsync(CaseRecord record, Command command, string actor, CommandKey? key, bool isNew, TaskRecord? known,
        CancellationToken cancellationToken)
    {
        var definition = await definitions.ModelAsync(record.DefinitionId, cancellationToken);
        var state = record.StateJson.Length == 0 ? CaseState.New : CaseState.FromJson(record.StateJson);
        var now = clock.GetUtcNow();
        var result = interpreter.Execute(definition, state, command, now);
        if (result.Rejection is { } rejection)
        {
            throw Rejected(rejection);
        }

        var scopes = new List<ICaseCommandScope>(hooks.Length);
        foreach (var hook in hooks)
        {
            if (await hook.BeginAsync(record, cancellationToken) is { } scope)
            {
                scopes.Add(scope);
            }
        }
        var changes = new ChangeSet(record, isNew, expectedRevision: record.Revision);
        record.StateJson = result.State.ToJson();
        record.Status = result.State.Status;
        record.UpdatedAt = now.UtcDateTime;
        record.Revision++;
        EffectApplier.Apply(changes, definition, command, result, actor, now.UtcDateTime, scopes);
        var context = new CaseCommandContext(changes, definition, command, result, actor, now.UtcDateTime, new ClosedTaskRows(db, changes, known));
        foreach (var scope in scopes)
        {
            await scope.OnCommandAsync(context, cancellationToken);
        }
        var outcome = new CommandOutcome(new CaseId(record.Id), record.Status, record.Revision, changes.NewTasks.Select(t => new TaskId(t.Id)).ToList());
        if (key is not null)
        {
            changes.Idempotency = idempotency.Record(key, outcome);
        }
        await writer.WriteAsync(changes, cancellationToken);
        // Jobs are handed to Hangfire only now that the transaction has committed.
        await dispatcher.DispatchAsync(changes.Outbox, cancellationToken);
        return outcome;
    }

    /// <summary>Codes a client can act on: a step gone or a case ended is a conflict with what happened first.</summary>
    private static RuntimeException Rejected(Rejection rejection) => rejection.Code switch
    {
        RejectionCode.NotActive => new(RuntimeErrorKind.Conflict, "step-not-active", rejection.Message),
        RejectionCode.AlreadyStarted => new(RuntimeErrorKind.Conflict, "already-started", rejection.Message),
        RejectionCode.CaseNotRunning => new(RuntimeErrorKind.Conflict, "case-not-running", rejection.Message),
        RejectionCode.NotDue => new(RuntimeErrorKind.Rejected, "timer-not-due", rejection.Message),
        RejectionCode.WrongKind => new(RuntimeErrorKind.Rejected, "wrong-kind", rejection.Message),
        _ => new(RuntimeErrorKind.Rejected, "no-path", rejection.Message),
    };

    /// <summary>Commands from jobs are re-run on a fresh read when another command got to the case first.</summary>
    private async Task RetryOnConflictAsync(Func<Task> run, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await run();
                return;
            }
            catch (RuntimeException ex) when (ex.Code == "case-changed" && attempt < 5)
            {
                db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>A job's command; a step that is no longer active (cancelled meanwhile) means there is nothing left to do.</summary>
    private Task SystemCommandAsync(Guid caseId, Command command, CancellationToken cancellationToken) =>
        RetryOnConflictAsync(async () =>
        {
            try
            {
                await RunAsync(await CaseAsync(caseId, cancellationToken), command, SystemActor, null, cancellationToken);
            }
            catch (RuntimeException ex) when (ex.Code is "step-not-active" or "case-not-running")
            {
                db.ChangeTracker.Clear();
            }
        }, cancellationToken);
}
