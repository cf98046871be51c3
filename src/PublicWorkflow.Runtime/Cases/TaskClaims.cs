using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>
/// Who holds a task: claiming, releasing and reassigning change the task row alone (never the case, so the engine
/// does not run), each guarded by the task's revision and recorded in the audit trail.
/// </summary>
public sealed class TaskClaims(WorkflowDbContext db, TimeProvider clock)
{
    private readonly CommandIdempotency idempotency = new(db, clock);

    /// <summary>Takes a task into the actor's hands; claiming one's own task again changes nothing.</summary>
    public Task<CommandOutcome> ClaimTaskAsync(TaskId taskId, string actor, string? idempotencyKey = null, CancellationToken cancellationToken = default,
        Action<TaskRecord>? authorize = null) =>
        idempotency.RunAsync(idempotencyKey, ("claim", taskId), async key =>
        {
            var found = await OpenTaskAsync(taskId.Value, authorize);
            if (found.Task.State == TaskState.Claimed && found.Task.Assignee != actor)
            {
                throw new RuntimeException(RuntimeErrorKind.Conflict, "task-claimed", $"task {taskId} is already claimed by {found.Task.Assignee}");
            }
            return await ChangeTaskAsync(found, TaskState.Claimed, actor, actor, "task-claimed", key, cancellationToken);
        }, cancellationToken);

    /// <summary>Puts a claimed task back in the shared inbox; only its assignee can.</summary>
    public Task<CommandOutcome> ReleaseTaskAsync(TaskId taskId, string actor, string? idempotencyKey = null, CancellationToken cancellationToken = default,
        Action<TaskRecord>? authorize = null) =>
        idempotency.RunAsync(idempotencyKey, ("release", taskId), async key =>
        {
            var found = await OpenTaskAsync(taskId.Value, authorize);
            if (found.Task.State != TaskState.Claimed || found.Task.Assignee != actor)
            {
                throw new RuntimeException(RuntimeErrorKind.Rejected, "task-not-yours", $"task {taskId} is not claimed by {actor}");
            }
            return await ChangeTaskAsync(found, TaskState.Open, null, actor, "task-released", key, cancellationToken);
        }, cancellationToken);

    /// <summary>A team lead or the supervisor gives a task to a named member of staff, whoever held it.</summary>
    public Task<CommandOutcome> ReassignTaskAsync(TaskId taskId, string assignee, string actor, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        idempotency.RunAsync(idempotencyKey, ("reassign", taskId, assignee), async key =>
            await ChangeTaskAsync(await OpenTaskAsync(taskId.Value, null), TaskState.Claimed, assignee, actor, "task-reassigned", key, cancellationToken),
            cancellationToken);

    private async Task<TaskWithCaseStatusRow> OpenTaskAsync(Guid taskId, Action<TaskRecord>? authorize)
    {
        var found = await HotQueries.For(db).TaskWithCaseStatus(db, taskId) ?? throw RuntimeException.NotFound("task", taskId);
        authorize?.Invoke(found.Task);
        EnsureOpen(found.Task);
        return found;
    }

    /// <summary>A command on a task needs it open or claimed; a closed one is a conflict with what closed it.</summary>
    internal static TaskRecord EnsureOpen(TaskRecord task) =>
        task.State is TaskState.Open or TaskState.Claimed
            ? task
            : throw new RuntimeException(RuntimeErrorKind.Conflict, "task-closed", $"task {task.Id} is already {task.State.ToString().ToLowerInvariant()}");

    private async Task<CommandOutcome> ChangeTaskAsync(TaskWithCaseStatusRow found, TaskState state, string? assignee, string actor, string kind,
        CommandKey? key, CancellationToken cancellationToken)
    {
        var task = found.Task;
        var now = clock.GetUtcNow().UtcDateTime;
        if (task.State != state || task.Assignee != assignee)
        {
            task.State = state;
            task.Assignee = assignee;
            task.ClaimedAt = assignee is null ? null : now;
            task.Revision++;
            db.Audit.Add(new AuditRecord { CaseId = task.CaseId, At = now, Actor = actor, Kind = kind, ElementId = task.ElementId, Level = task.Level, Detail = $"task {task.Id}" });
        }
        var outcome = new CommandOutcome(new CaseId(task.CaseId), found.CaseStatus, found.CaseRevision, []);
        if (key is not null)
        {
            db.IdempotencyKeys.Add(idempotency.Record(key, outcome));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "task-changed", $"task {task.Id} was changed by someone else at the same time; reload it");
        }
        return outcome;
    }
}
