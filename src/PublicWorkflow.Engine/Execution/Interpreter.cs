using System.Text.Json;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Engine.Execution;

/// <summary>
/// The engine: <c>Execute(definition, state, command, now) -> (state', effects)</c>. No I/O, no clock, no GUIDs:
/// the same inputs always give the same outputs. A command that does not fit the case is rejected with a
/// reason and the state comes back unchanged.
/// </summary>
public sealed class Interpreter(WorkingCalendar calendar)
{
    public WorkingCalendar Calendar { get; } = calendar;

    /// <exception cref="InvalidDefinitionException">The definition does not validate.</exception>
    public ExecutionResult Execute(Definition definition, CaseState state, Command command, DateTimeOffset now)
    {
        var execution = new CaseExecution(ProcessGraph.For(definition), Calendar, state, now);
        try
        {
            Apply(execution, command);
            execution.Run();
            return new ExecutionResult(execution.ToState(), [.. execution.Effects], null, execution.Transitions);
        }
        catch (CommandRejectedException rejected)
        {
            return new ExecutionResult(state, [], rejected.Rejection);
        }
    }

    private static void Apply(CaseExecution x, Command command)
    {
        if (command is StartCase start)
        {
            Start(x, start);
            return;
        }
        if (x.Status != CaseStatus.Running)
        {
            throw CaseExecution.Reject(RejectionCode.CaseNotRunning, $"the case is {x.Status.ToString().ToLowerInvariant()}, not running");
        }
        switch (command)
        {
            case CompleteTask complete:
                FinishStep<UserTask>(x, complete.ActivityId, complete.Outputs);
                break;
            case HandlerSucceeded succeeded:
                FinishStep<ServiceTask>(x, succeeded.ActivityId, succeeded.Outputs);
                break;
            case CalledCaseCompleted called:
                FinishStep<CallActivity>(x, called.ActivityId, called.Outputs);
                break;
            case HandlerFailed failed:
                OpenIncident(x, failed);
                break;
            case RetryIncident retry:
                Retry(x, retry);
                break;
            case FireTimer fire:
                Fire(x, fire);
                break;
            case DeliverMessage message:
                Deliver(x, message);
                break;
            case CancelCase cancel:
                Cancel(x, cancel);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown command");
        }
    }

    private static void Start(CaseExecution x, StartCase start)
    {
        if (x.Status != CaseStatus.NotStarted)
        {
            throw CaseExecution.Reject(RejectionCode.AlreadyStarted, "the case has already been started");
        }
        var startNode = start.MessageName is null
            ? x.Graph.NoneStart(null) ?? throw CaseExecution.Reject(RejectionCode.WrongKind, "the procedure has no none start event; start it with a message")
            : x.Graph.MessageStart(start.MessageName) ?? throw CaseExecution.Reject(RejectionCode.NotActive, $"no start event waits for message '{start.MessageName}'");
        x.Status = CaseStatus.Running;
        x.MergeVariables(start.Variables);
        x.Audit("case-started", startNode.Id, "the case was started");
        x.Enqueue(startNode, null, null);
    }

    private static ActivityInstance Step<TNode>(CaseExecution x, string activityId) where TNode : FlowNode
    {
        var instance = x.FindActivity(activityId)
            ?? throw CaseExecution.Reject(RejectionCode.NotActive, $"step '{activityId}' is not active: it was completed or cancelled, or never existed");
        return x.Graph.Node(instance.ElementId) is TNode
            ? instance
            : throw CaseExecution.Reject(RejectionCode.WrongKind, $"step '{activityId}' ({instance.ElementId}) is not a {typeof(TNode).Name}");
    }

    private static void FinishStep<TNode>(CaseExecution x, string activityId, IReadOnlyDictionary<string, JsonElement>? outputs) where TNode : FlowNode
    {
        var instance = Step<TNode>(x, activityId);
        x.MergeVariables(outputs);
        x.Finish(instance);
    }

    private static void OpenIncident(CaseExecution x, HandlerFailed failed)
    {
        var instance = Step<ServiceTask>(x, failed.ActivityId);
        x.Activities[x.Activities.IndexOf(instance)] = instance with { Status = StepStatus.Incident, Incident = failed.Error };
        x.Effects.Add(new IncidentOpened(instance.Id, instance.ElementId, failed.Error));
        x.Audit("incident", instance.ElementId, failed.Error);
    }

    private static void Retry(CaseExecution x, RetryIncident retry)
    {
        var instance = Step<ServiceTask>(x, retry.ActivityId);
        if (instance.Status != StepStatus.Incident)
        {
            throw CaseExecution.Reject(RejectionCode.NotActive, $"step '{retry.ActivityId}' has no incident to retry");
        }
        x.Activities[x.Activities.IndexOf(instance)] = instance with { Status = StepStatus.Waiting, Incident = null };
        x.Effects.Add(new InvokeHandler(instance.Id, instance.ElementId, x.Graph.Step(instance.ElementId).Handler!));
        x.Audit("incident-retried", instance.ElementId, instance.Id);
    }

    private static void Fire(CaseExecution x, FireTimer fire)
    {
        var timer = x.Timers.Find(t => t.Id == fire.TimerId)
            ?? throw CaseExecution.Reject(RejectionCode.NotActive, $"timer '{fire.TimerId}' is not pending: it fired already or its step ended");
        if (x.Now < timer.DueAt)
        {
            throw CaseExecution.Reject(RejectionCode.NotDue, $"timer '{fire.TimerId}' is not due until {timer.DueAt:O}");
        }
        x.Timers.Remove(timer);
        var owner = x.FindActivity(timer.OwnerId)!;
        var node = x.Graph.Node(timer.ElementId);
        x.Audit("timer-fired", node.Id, timer.Id);
        switch (node)
        {
            case IntermediateCatchEvent:
                x.Finish(owner);
                break;
            case BoundaryEvent { CancelActivity: true } boundary:
                x.Cancel(owner);
                x.DropTokensOfEndedScopes();
                x.Enqueue(boundary, owner.ScopeId, null);
                break;
            case BoundaryEvent boundary:
                if (timer.RemainingFirings is null or > 1)
                {
                    var next = x.Graph.Timer(boundary.Id).NextDue(timer.DueAt, x.Calendar);
                    x.AddTimer(boundary, owner.Id, next, timer.RemainingFirings - 1);
                }
                x.Enqueue(boundary, owner.ScopeId, null);
                break;
        }
    }

    private static void Deliver(CaseExecution x, DeliverMessage message)
    {
        var waiting = x.Activities.Find(a =>
                x.Graph.Node(a.ElementId) is IntermediateCatchEvent { Trigger: MessageTrigger } && x.Graph.MessageName(a.ElementId) == message.MessageName)
            ?? throw CaseExecution.Reject(RejectionCode.NotActive, $"no step is waiting for message '{message.MessageName}'");
        x.MergeVariables(message.Payload);
        x.Finish(waiting);
    }

    private static void Cancel(CaseExecution x, CancelCase cancel)
    {
        foreach (var instance in x.Activities.Where(a => a.ScopeId is null).ToList())
        {
            x.Cancel(instance);
        }
        x.Joins.Clear();
        x.Status = CaseStatus.Cancelled;
        x.Effects.Add(new CaseCompleted(CaseOutcome.Cancelled));
        x.Audit("case-cancelled", null, cancel.Reason);
    }
}
