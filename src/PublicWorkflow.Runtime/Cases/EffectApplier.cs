using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>
/// Turns the engine's effects into the rows of a <see cref="ChangeSet"/>: tasks, timers, audit, incidents,
/// escalations, outbox. A new task's group, level and due time are what the hooks' scopes decide from the engine's
/// proposal, before the row exists. Pure: it reads nothing and writes nothing; the caller commits the set at once.
/// </summary>
internal static class EffectApplier
{
    public static void Apply(ChangeSet changes, Definition definition, Command command, ExecutionResult result, string actor, DateTime now,
        IReadOnlyList<ICaseCommandScope> scopes)
    {
        var record = changes.Case;
        if (command is FireTimer fire)
        {
            changes.TimerChanges.Add(new TimerChange(fire.TimerId, TimerState.Fired, now));
        }
        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                case OpenTask open:
                    var assignment = scopes.Aggregate(new StepAssignment(null, open.Level, open.DueAt?.UtcDateTime),
                        (proposed, scope) => scope.Assign(definition, open, proposed, result.State.Variables));
                    changes.NewTasks.Add(new TaskRecord
                    {
                        Id = Guid.NewGuid(),
                        CaseId = record.Id,
                        ActivityId = open.ActivityId,
                        ElementId = open.ElementId,
                        Name = open.Name,
                        CandidateRole = open.CandidateRole,
                        Level = assignment.Level,
                        CandidateGroup = assignment.CandidateGroup,
                        Assignee = open.Assignee,
                        Form = open.Form,
                        DueAt = assignment.DueAt,
                        State = open.Assignee is null ? TaskState.Open : TaskState.Claimed,
                        CreatedAt = now,
                    });
                    break;
                case CloseTask close:
                    changes.ClosedTasks.Add(new TaskClosure(close.ActivityId, close.Reason == CloseReason.Completed ? TaskState.Completed : TaskState.Cancelled, now, actor));
                    if (close.Reason == CloseReason.Cancelled && definition.Node(close.ElementId) is CallActivity)
                    {
                        Outbox(changes, OutboxKind.CancelCalledCase, new CancelChildPayload(close.ActivityId), now);
                    }
                    break;
                case ScheduleTimer schedule:
                    var timer = new TimerRecord
                    {
                        Id = Guid.NewGuid(),
                        CaseId = record.Id,
                        TimerId = schedule.TimerId,
                        ElementId = schedule.ElementId,
                        DueAt = schedule.DueAt.UtcDateTime,
                        State = TimerState.Pending,
                    };
                    changes.NewTimers.Add(timer);
                    Outbox(changes, OutboxKind.ScheduleTimer, new TimerPayload(timer.Id, timer.DueAt), now);
                    break;
                case CancelTimer cancel:
                    changes.TimerChanges.Add(new TimerChange(cancel.TimerId, TimerState.Cancelled, null));
                    break;
                case InvokeHandler invoke:
                    Outbox(changes, OutboxKind.InvokeHandler, new HandlerPayload(invoke.ActivityId, invoke.ElementId, invoke.Handler), now);
                    break;
                case StartCalledCase call:
                    Outbox(changes, OutboxKind.StartCalledCase, new StartChildPayload(call.ActivityId, call.CalledElement, Payload.Variables(call.Variables)), now);
                    break;
                case RaiseEscalation { CaughtBy: null } escalation:
                    changes.Escalations.Add(new EscalationRecord { Id = Guid.NewGuid(), CaseId = record.Id, ElementId = escalation.ElementId, Code = escalation.Code, RaisedAt = now });
                    break;
                case IncidentOpened incident:
                    changes.Incidents.Add(new IncidentRecord
                    {
                        Id = Guid.NewGuid(),
                        CaseId = record.Id,
                        ActivityId = incident.ActivityId,
                        ElementId = incident.ElementId,
                        Handler = StepSettings.Of(definition.Node(incident.ElementId)!).Handler ?? "",
                        Error = Truncate(incident.Error, 4000),
                        OpenedAt = now,
                    });
                    break;
                case CaseCompleted completed:
                    record.CompletedAt = now;
                    if (record.ParentCaseId is { } parent)
                    {
                        Outbox(changes, OutboxKind.ReportToParent,
                            new ReportToParentPayload(parent, record.ParentActivityId!, completed.Outcome, Payload.Variables(result.State.Variables)), now);
                    }
                    break;
                case AuditEntry audit:
                    changes.Audit.Add(new AuditRecord
                    {
                        CaseId = record.Id,
                        At = now,
                        Actor = actor,
                        Kind = audit.Kind,
                        ElementId = audit.ElementId,
                        Level = audit.ElementId is null ? null : LevelOf(definition, audit.ElementId, scopes),
                        Detail = Truncate(audit.Detail, 2000),
                    });
                    break;
            }
        }
    }

    private static string? LevelOf(Definition definition, string elementId, IReadOnlyList<ICaseCommandScope> scopes) =>
        scopes.Aggregate(definition.Node(elementId)?.Pwf.Level, (proposed, scope) => scope.LevelOf(definition, elementId, proposed));

    private static void Outbox<T>(ChangeSet changes, OutboxKind kind, T payload, DateTime now) =>
        changes.Outbox.Add(new OutboxRecord { Id = Guid.NewGuid(), CaseId = changes.Case.Id, Kind = kind, Payload = Payload.Write(payload), CreatedAt = now });

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
