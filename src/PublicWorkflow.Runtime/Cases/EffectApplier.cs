using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>What applying a command's effects added: outbox rows to hand over after commit, and new inbox tasks.</summary>
internal sealed record AppliedEffects(List<OutboxRecord> Outbox, List<Guid> OpenedTasks);

/// <summary>
/// Turns the engine's effects into rows — tasks, timers, audit, incidents, escalations, outbox — in the
/// command's unit of work. Nothing is saved here: the caller commits everything at once.
/// </summary>
internal sealed class EffectApplier(WorkflowDbContext db)
{
    public async Task<AppliedEffects> ApplyAsync(CaseRecord record, Definition definition, Command command, ExecutionResult result,
        string actor, DateTime now, CancellationToken cancellationToken)
    {
        var closing = result.Effects.OfType<CloseTask>().Select(e => e.TaskId).ToList();
        var tasks = await TrackedAsync(db.Tasks, t => t.CaseId == record.Id && closing.Contains(t.ActivityId), t => closing.Contains(t.ActivityId) && t.CaseId == record.Id, closing.Count, cancellationToken);
        var timerIds = result.Effects.OfType<CancelTimer>().Select(e => e.TimerId).ToList();
        if (command is FireTimer fire)
        {
            timerIds.Add(fire.TimerId);
        }
        var timers = await TrackedAsync(db.Timers, t => t.CaseId == record.Id && timerIds.Contains(t.TimerId), t => timerIds.Contains(t.TimerId) && t.CaseId == record.Id, timerIds.Count, cancellationToken);

        var applied = new AppliedEffects([], []);
        if (command is FireTimer fired && timers.FirstOrDefault(t => t.TimerId == fired.TimerId) is { } firedTimer)
        {
            firedTimer.State = TimerState.Fired;
            firedTimer.FiredAt = now;
        }

        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                case OpenTask open:
                    applied.OpenedTasks.Add(OpenTask(record, open, now));
                    break;
                case CloseTask close:
                    CloseTask(record, definition, close, tasks, actor, now, applied);
                    break;
                case ScheduleTimer schedule:
                    applied.Outbox.Add(ScheduleTimer(record, schedule, now));
                    break;
                case CancelTimer cancel when timers.FirstOrDefault(t => t.TimerId == cancel.TimerId) is { } timer:
                    timer.State = TimerState.Cancelled;
                    break;
                case InvokeHandler invoke:
                    applied.Outbox.Add(Outbox(record, OutboxKind.InvokeHandler, new HandlerPayload(invoke.TaskId, invoke.ElementId, invoke.Handler), now));
                    break;
                case StartCalledCase call:
                    applied.Outbox.Add(Outbox(record, OutboxKind.StartCalledCase,
                        new StartChildPayload(call.TaskId, call.CalledElement, Payload.Variables(call.Variables)), now));
                    break;
                case RaiseEscalation { CaughtBy: null } escalation:
                    db.Escalations.Add(new EscalationRecord { Id = Guid.NewGuid(), CaseId = record.Id, ElementId = escalation.ElementId, Code = escalation.Code, RaisedAt = now });
                    break;
                case IncidentOpened incident:
                    db.Incidents.Add(new IncidentRecord
                    {
                        Id = Guid.NewGuid(),
                        CaseId = record.Id,
                        ActivityId = incident.TaskId,
                        ElementId = incident.ElementId,
                        Handler = StepSettings.Of(Node(definition, incident.ElementId)!).Handler ?? "",
                        Error = Truncate(incident.Error, 4000),
                        OpenedAt = now,
                    });
                    break;
                case CaseCompleted completed:
                    record.CompletedAt = now;
                    if (record.ParentCaseId is { } parent)
                    {
                        applied.Outbox.Add(Outbox(record, OutboxKind.ReportToParent,
                            new ReportToParentPayload(parent, record.ParentActivityId!, completed.Outcome, Payload.Variables(result.State.Variables)), now));
                    }
                    break;
                case AuditEntry audit:
                    db.Audit.Add(new AuditRecord
                    {
                        CaseId = record.Id,
                        At = now,
                        Actor = actor,
                        Kind = audit.Kind,
                        ElementId = audit.ElementId,
                        Level = audit.ElementId is null ? null : Node(definition, audit.ElementId)?.Pwf.Level,
                        Detail = Truncate(audit.Detail, 2000),
                    });
                    break;
            }
        }
        return applied;
    }

    private Guid OpenTask(CaseRecord record, OpenTask open, DateTime now)
    {
        var task = new TaskRecord
        {
            Id = Guid.NewGuid(),
            CaseId = record.Id,
            ActivityId = open.TaskId,
            ElementId = open.ElementId,
            Name = open.Name,
            CandidateRole = open.CandidateRole,
            Level = open.Level,
            Assignee = open.Assignee,
            Form = open.Form,
            DueAt = open.DueAt?.UtcDateTime,
            State = open.Assignee is null ? TaskState.Open : TaskState.Claimed,
            CreatedAt = now,
        };
        db.Tasks.Add(task);
        return task.Id;
    }

    private void CloseTask(CaseRecord record, Definition definition, CloseTask close, List<TaskRecord> tasks, string actor, DateTime now, AppliedEffects applied)
    {
        if (tasks.FirstOrDefault(t => t.ActivityId == close.TaskId) is { } task)
        {
            task.State = close.Reason == CloseReason.Completed ? TaskState.Completed : TaskState.Cancelled;
            task.ClosedAt = now;
            task.ClosedBy = actor;
            task.Revision++;
        }
        if (close.Reason == CloseReason.Cancelled && Node(definition, close.ElementId) is CallActivity)
        {
            applied.Outbox.Add(Outbox(record, OutboxKind.CancelCalledCase, new CancelChildPayload(close.TaskId), now));
        }
    }

    private OutboxRecord ScheduleTimer(CaseRecord record, ScheduleTimer schedule, DateTime now)
    {
        var timer = new TimerRecord
        {
            Id = Guid.NewGuid(),
            CaseId = record.Id,
            TimerId = schedule.TimerId,
            ElementId = schedule.ElementId,
            DueAt = schedule.DueAt.UtcDateTime,
            State = TimerState.Pending,
        };
        db.Timers.Add(timer);
        return Outbox(record, OutboxKind.ScheduleTimer, new TimerPayload(timer.Id, timer.DueAt), now);
    }

    private OutboxRecord Outbox<T>(CaseRecord record, OutboxKind kind, T payload, DateTime now)
    {
        var row = new OutboxRecord { CaseId = record.Id, Kind = kind, Payload = Payload.Write(payload), CreatedAt = now };
        db.Outbox.Add(row);
        return row;
    }

    /// <summary>Rows already tracked by this unit of work are used as they are; only the rest are queried.</summary>
    private static async Task<List<T>> TrackedAsync<T>(DbSet<T> set, Expression<Func<T, bool>> query, Func<T, bool> local, int wanted, CancellationToken cancellationToken)
        where T : class
    {
        if (wanted == 0)
        {
            return [];
        }
        var found = set.Local.Where(local).ToList();
        return found.Count >= wanted ? found : await set.Where(query).ToListAsync(cancellationToken);
    }

    private static FlowNode? Node(Definition definition, string elementId) => definition.Nodes.FirstOrDefault(n => n.Id == elementId);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
