using System.Collections.Immutable;
using System.Text.Json;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Execution.Behaviours;
using PublicWorkflow.Engine.Expressions;
using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Engine.Execution;

/// <summary>A token on its way into <see cref="Node"/>, inside the sub-process instance <see cref="ScopeId"/>.</summary>
internal readonly record struct Token(FlowNode Node, string? ScopeId, string? ViaFlowId);

/// <summary>
/// The working copy of one case while one command runs: tokens move synchronously until every one of them
/// waits in a step, sits in a join or has ended. Thrown <see cref="CommandRejectedException"/> discards it all.
/// </summary>
internal sealed class CaseExecution
{
    private readonly Queue<Token> agenda = new();
    private long sequence;

    public CaseExecution(ProcessGraph graph, WorkingCalendar calendar, CaseState state, DateTimeOffset now)
    {
        Graph = graph;
        Calendar = calendar;
        Now = now;
        Status = state.Status;
        Variables = state.Variables;
        Activities = [.. state.Activities];
        Timers = [.. state.Timers];
        Joins = [.. state.Joins];
        sequence = state.Sequence;
    }

    public ProcessGraph Graph { get; }
    public WorkingCalendar Calendar { get; }
    public DateTimeOffset Now { get; }
    public CaseStatus Status { get; set; }
    public ImmutableSortedDictionary<string, JsonElement> Variables { get; private set; }
    public List<ActivityInstance> Activities { get; }
    public List<TimerInstance> Timers { get; }
    public List<JoinArrival> Joins { get; }
    public List<Effect> Effects { get; } = [];

    /// <summary>Nodes entered by tokens during this command.</summary>
    public int Transitions { get; private set; }

    public CaseState ToState() => new()
    {
        Status = Status,
        Variables = Variables,
        Activities = [.. Activities],
        Timers = [.. Timers],
        Joins = [.. Joins],
        Sequence = sequence,
    };

    public static Exception Reject(RejectionCode code, string message) => new CommandRejectedException(new Rejection(code, message));

    public string NextId(string prefix) => prefix + (++sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Audit(string kind, string? elementId, string detail) => Effects.Add(new AuditEntry(kind, elementId, detail));

    public void MergeVariables(IReadOnlyDictionary<string, JsonElement>? values)
    {
        if (values is null || values.Count == 0)
        {
            return;
        }
        // Cloned so the state never points into a JsonDocument the caller may dispose.
        Variables = Variables.SetItems(values.Select(v => KeyValuePair.Create(v.Key, v.Value.Clone())));
    }

    public void Enqueue(FlowNode node, string? scopeId, string? viaFlowId) => agenda.Enqueue(new Token(node, scopeId, viaFlowId));

    /// <summary>Moves tokens until all wait; then fires inclusive joins that nothing can feed any more and completes emptied scopes.</summary>
    public void Run()
    {
        while (true)
        {
            while (agenda.Count > 0)
            {
                var token = agenda.Dequeue();
                Transitions++;
                BehaviourRegistry.For(token.Node).Enter(this, token);
            }
            if (Status != CaseStatus.Running)
            {
                return;
            }
            if (InclusiveGatewayBehaviour.FireEnabledJoin(this) || CompleteEmptyScope())
            {
                continue;
            }
            return;
        }
    }

    private bool CompleteEmptyScope()
    {
        foreach (var scope in Activities)
        {
            if (Graph.Node(scope.ElementId) is SubProcess && !Activities.Any(a => a.ScopeId == scope.Id))
            {
                DropStuckJoins(scope.Id);
                Finish(scope);
                return true;
            }
        }
        if (Activities.Count == 0)
        {
            DropStuckJoins(null);
            Status = CaseStatus.Completed;
            Effects.Add(new CaseCompleted(CaseOutcome.Completed));
            Audit("case-completed", null, "the case reached its end");
        }
        return false;
    }

    /// <summary>Join arrivals left in a scope that has ended can never fire; they are recorded and dropped, not kept forever.</summary>
    private void DropStuckJoins(string? scopeId)
    {
        foreach (var join in Joins.Where(j => j.ScopeId == scopeId).ToList())
        {
            Joins.Remove(join);
            Audit("join-abandoned", join.GatewayId, $"{join.Count} token(s) on {join.FlowId} never met the other branches");
        }
    }

    public ActivityInstance? FindActivity(string id) => Activities.Find(a => a.Id == id);

    /// <summary>Creates a step instance and arms the timers of its boundary events.</summary>
    public ActivityInstance Begin(FlowNode node, string? scopeId)
    {
        var instance = new ActivityInstance(NextId("a"), node.Id, scopeId);
        Activities.Add(instance);
        foreach (var boundary in Graph.BoundariesOf(node.Id))
        {
            if (boundary.Trigger is TimerTrigger)
            {
                ArmTimer(boundary, instance);
            }
        }
        return instance;
    }

    public void ArmTimer(FlowNode timerNode, ActivityInstance owner)
    {
        var schedule = Graph.Timer(timerNode.Id);
        var due = schedule.FirstDue(Now, Calendar);
        AddTimer(timerNode, owner.Id, due, schedule.Repetitions);
    }

    public void AddTimer(FlowNode timerNode, string ownerId, DateTimeOffset due, int? remaining)
    {
        var timer = new TimerInstance(NextId("t"), timerNode.Id, ownerId, due, remaining);
        Timers.Add(timer);
        Effects.Add(new ScheduleTimer(timer.Id, timerNode.Id, due));
    }

    /// <summary>A step ended normally: its timers are cancelled and the token moves on.</summary>
    public void Finish(ActivityInstance instance)
    {
        Activities.Remove(instance);
        CancelTimersOf(instance.Id);
        Effects.Add(new CloseTask(instance.Id, instance.ElementId, CloseReason.Completed));
        Audit("step-completed", instance.ElementId, $"{instance.Id} completed");
        LeaveAll(Graph.Node(instance.ElementId), instance.ScopeId);
    }

    /// <summary>A step (and, for a sub-process, everything inside it) is cancelled without moving on.</summary>
    public void Cancel(ActivityInstance instance)
    {
        foreach (var child in Activities.Where(a => a.ScopeId == instance.Id).ToList())
        {
            Cancel(child);
        }
        Activities.Remove(instance);
        CancelTimersOf(instance.Id);
        Joins.RemoveAll(j => j.ScopeId == instance.Id);
        Effects.Add(new CloseTask(instance.Id, instance.ElementId, CloseReason.Cancelled));
        Audit("step-cancelled", instance.ElementId, $"{instance.Id} cancelled");
    }

    /// <summary>After a scope was cancelled, tokens still on their way inside it have nowhere to go.</summary>
    public void DropTokensOfEndedScopes()
    {
        var kept = agenda.Where(t => t.ScopeId is null || Activities.Any(a => a.Id == t.ScopeId)).ToList();
        agenda.Clear();
        foreach (var token in kept)
        {
            agenda.Enqueue(token);
        }
    }

    public void DropTokensOfScope(string? scopeId)
    {
        var kept = agenda.Where(t => t.ScopeId != scopeId).ToList();
        agenda.Clear();
        foreach (var token in kept)
        {
            agenda.Enqueue(token);
        }
    }

    private void CancelTimersOf(string ownerId)
    {
        for (var i = Timers.Count - 1; i >= 0; i--)
        {
            if (Timers[i].OwnerId == ownerId)
            {
                Effects.Add(new CancelTimer(Timers[i].Id, Timers[i].ElementId));
                Timers.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// Leaves a non-gateway node: every unconditional outgoing flow is taken, and every conditional one whose
    /// condition holds (BPMN's implicit split). A node whose flows all refuse would strand the token.
    /// </summary>
    public void LeaveAll(FlowNode node, string? scopeId)
    {
        var outgoing = Graph.Outgoing(node.Id);
        var taken = 0;
        foreach (var flow in outgoing)
        {
            if (flow.Condition is null || Holds(flow))
            {
                Enqueue(Graph.Node(flow.TargetRef), scopeId, flow.Id);
                taken++;
            }
        }
        if (outgoing.Count > 0 && taken == 0)
        {
            throw Reject(RejectionCode.NoPath, $"no outgoing flow of '{node.Id}' applies with the case's variables");
        }
    }

    /// <summary>Evaluates a flow's condition; a condition that fails rejects the whole command.</summary>
    public bool Holds(SequenceFlow flow)
    {
        var result = ExpressionSandbox.EvaluateCondition(Graph.Condition(flow)!, Variables, Now);
        return result.Failed
            ? throw Reject(RejectionCode.NoPath, $"the condition of flow '{flow.Id}' ({flow.Condition}) failed: {result.Error}")
            : result.Value;
    }
}

internal sealed class CommandRejectedException(Rejection rejection) : Exception(rejection.Message)
{
    public Rejection Rejection { get; } = rejection;
}
