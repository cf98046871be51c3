using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Engine.Tests.Support;

/// <summary>Builds definitions in code, so kernel tests need no XML.</summary>
internal sealed class ProcessBuilder(string processId = "process")
{
    private readonly List<FlowNode> nodes = [];
    private readonly List<SequenceFlow> flows = [];
    private readonly List<MessageDefinition> messages = [];
    private readonly List<EscalationDefinition> escalations = [];
    private string? scope;
    private int flowCount;

    public ProcessBuilder Node(FlowNode node)
    {
        nodes.Add(node with { ParentId = node.ParentId ?? scope });
        return this;
    }

    public ProcessBuilder Start(string id = "start") => Node(new StartEvent { Id = id });

    public ProcessBuilder MessageStart(string id, string message)
    {
        Message(message);
        return Node(new StartEvent { Id = id, Trigger = new MessageTrigger("Msg_" + message) });
    }

    public ProcessBuilder End(string id = "end") => Node(new EndEvent { Id = id });

    public ProcessBuilder Terminate(string id) => Node(new EndEvent { Id = id, Trigger = new TerminateTrigger() });

    public ProcessBuilder EscalationEnd(string id, string code)
    {
        Escalation(code);
        return Node(new EndEvent { Id = id, Trigger = new EscalationTrigger("Esc_" + code) });
    }

    public ProcessBuilder UserTask(string id, string role = "clerk", string? limit = null, string unit = "workingDays") =>
        Node(new UserTask { Id = id, Pwf = new PwfAttributes(Level: "commune", CandidateRole: role, TimeLimit: limit, TimeLimitUnit: limit is null ? null : unit) });

    public ProcessBuilder ServiceTask(string id, string handler = "notify") => Node(new ServiceTask { Id = id, Pwf = new PwfAttributes(Handler: handler) });

    public ProcessBuilder CallActivity(string id, string called) => Node(new CallActivity { Id = id, CalledElement = called });

    public ProcessBuilder Exclusive(string id, string? defaultFlow = null) => Node(new ExclusiveGateway { Id = id, DefaultFlowId = defaultFlow });

    public ProcessBuilder Inclusive(string id, string? defaultFlow = null) => Node(new InclusiveGateway { Id = id, DefaultFlowId = defaultFlow });

    public ProcessBuilder Parallel(string id) => Node(new ParallelGateway { Id = id });

    public ProcessBuilder TimerCatch(string id, string duration) =>
        Node(new IntermediateCatchEvent { Id = id, Trigger = new TimerTrigger(new TimerDefinition(TimerKind.Duration, duration, false, null)) });

    public ProcessBuilder MessageCatch(string id, string message)
    {
        Message(message);
        return Node(new IntermediateCatchEvent { Id = id, Trigger = new MessageTrigger("Msg_" + message) });
    }

    public ProcessBuilder BoundaryTimer(string id, string attachedTo, string expression, bool interrupting = true, TimerKind kind = TimerKind.Duration, bool workingDays = false) =>
        Node(new BoundaryEvent
        {
            Id = id,
            AttachedToRef = attachedTo,
            CancelActivity = interrupting,
            Trigger = new TimerTrigger(new TimerDefinition(kind, expression, workingDays, null)),
        });

    public ProcessBuilder BoundaryEscalation(string id, string attachedTo, string? code, bool interrupting = true)
    {
        if (code is not null)
        {
            Escalation(code);
        }
        return Node(new BoundaryEvent
        {
            Id = id,
            AttachedToRef = attachedTo,
            CancelActivity = interrupting,
            Trigger = new EscalationTrigger(code is null ? null : "Esc_" + code),
        });
    }

    /// <summary>Adds a sub-process; nodes and flows added inside <paramref name="body"/> belong to it.</summary>
    public ProcessBuilder SubProcess(string id, Action<ProcessBuilder> body)
    {
        Node(new SubProcess { Id = id });
        var outer = scope;
        scope = id;
        body(this);
        scope = outer;
        return this;
    }

    public ProcessBuilder Flow(string from, string to, string? condition = null, string? id = null)
    {
        flows.Add(new SequenceFlow { Id = id ?? $"f{++flowCount}", SourceRef = from, TargetRef = to, Condition = condition, ParentId = scope });
        return this;
    }

    /// <summary>Chains nodes with unconditional flows: Chain("a", "b", "c") adds a->b and b->c.</summary>
    public ProcessBuilder Chain(params string[] ids)
    {
        for (var i = 0; i + 1 < ids.Length; i++)
        {
            Flow(ids[i], ids[i + 1]);
        }
        return this;
    }

    private void Message(string name)
    {
        if (messages.All(m => m.Name != name))
        {
            messages.Add(new MessageDefinition("Msg_" + name, name));
        }
    }

    private void Escalation(string code)
    {
        if (escalations.All(e => e.Code != code))
        {
            escalations.Add(new EscalationDefinition("Esc_" + code, code, code));
        }
    }

    public Definition Build() => new()
    {
        DefinitionsId = "Definitions_" + processId,
        ProcessId = processId,
        Nodes = nodes.ToValueList(),
        Flows = flows.ToValueList(),
        Messages = messages.ToValueList(),
        Escalations = escalations.ToValueList(),
    };
}
