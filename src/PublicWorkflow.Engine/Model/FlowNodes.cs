namespace PublicWorkflow.Engine.Model;

/// <summary>A node of the process graph. <see cref="ParentId"/> is the enclosing sub-process, null at process level.</summary>
public abstract record FlowNode
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? ParentId { get; init; }
    public SourceLine Line { get; init; }
    public PwfAttributes Pwf { get; init; } = PwfAttributes.None;
    public Preserved Preserved { get; init; } = Preserved.None;
}

/// <summary>An activity: a node that can hold boundary events and has a step time limit.</summary>
public abstract record Activity : FlowNode;

public sealed record UserTask : Activity;

public sealed record ServiceTask : Activity;

public sealed record SubProcess : Activity;

public sealed record CallActivity : Activity
{
    public string? CalledElement { get; init; }
}

public sealed record ExclusiveGateway : FlowNode
{
    public string? DefaultFlowId { get; init; }
}

public sealed record InclusiveGateway : FlowNode
{
    public string? DefaultFlowId { get; init; }
}

public sealed record ParallelGateway : FlowNode;

/// <summary>What an event reacts to or throws, as its BPMN event definition says.</summary>
public abstract record EventTrigger
{
    public string? DefinitionId { get; init; }
    public Preserved Preserved { get; init; } = Preserved.None;
}

public sealed record MessageTrigger(string? MessageRef) : EventTrigger;

public sealed record TimerTrigger(TimerDefinition Timer) : EventTrigger;

public sealed record EscalationTrigger(string? EscalationRef) : EventTrigger;

public sealed record TerminateTrigger : EventTrigger;

public sealed record StartEvent : FlowNode
{
    /// <summary>None start when null; otherwise a <see cref="MessageTrigger"/>.</summary>
    public EventTrigger? Trigger { get; init; }
}

public sealed record EndEvent : FlowNode
{
    /// <summary>None end when null; otherwise terminate or escalation.</summary>
    public EventTrigger? Trigger { get; init; }
}

public sealed record IntermediateCatchEvent : FlowNode
{
    public required EventTrigger Trigger { get; init; }
}

public sealed record BoundaryEvent : FlowNode
{
    public string? AttachedToRef { get; init; }
    public bool CancelActivity { get; init; } = true;
    public required EventTrigger Trigger { get; init; }
}
