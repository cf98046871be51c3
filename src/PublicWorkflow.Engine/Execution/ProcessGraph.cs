using System.Runtime.CompilerServices;
using PublicWorkflow.Engine.Expressions;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Engine.Timers;
using PublicWorkflow.Engine.Validation;

namespace PublicWorkflow.Engine.Execution;

/// <summary>
/// A valid definition prepared for execution: adjacency, parsed conditions and timers, step settings, and
/// for each inclusive join the nodes that can still send it a token. Built once per definition and cached.
/// </summary>
internal sealed class ProcessGraph
{
    private static readonly ConditionalWeakTable<Definition, ProcessGraph> Cache = [];

    private readonly Dictionary<string, CompiledExpression> conditions = [];
    private readonly Dictionary<string, TimerSchedule> timers = [];
    private readonly Dictionary<string, StepSettings> steps = [];
    private readonly Dictionary<string, HashSet<string>> inclusiveFeeders = [];
    private readonly Dictionary<string, string?> messageNames = [];
    private readonly Dictionary<string, string?> escalationCodes = [];
    private readonly Dictionary<string, FlowNode> noneStarts = [];

    private ProcessGraph(Definition definition)
    {
        Index = new GraphIndex(definition);
        foreach (var flow in definition.Flows.Where(f => f.Condition is not null))
        {
            CompiledExpression.TryCompile(flow.Condition!, out var compiled, out _);
            conditions[flow.Id] = compiled!;
        }
        var messages = definition.Messages.ToDictionary(m => m.Id, m => m.Name);
        var escalations = definition.Escalations.ToDictionary(e => e.Id, e => e.Code);
        foreach (var node in definition.Nodes)
        {
            steps[node.Id] = StepSettings.Of(node);
            var trigger = node switch
            {
                StartEvent s => s.Trigger,
                EndEvent e => e.Trigger,
                IntermediateCatchEvent c => c.Trigger,
                BoundaryEvent b => b.Trigger,
                _ => null,
            };
            switch (trigger)
            {
                case TimerTrigger t:
                    TimerSchedule.TryParse(t.Timer, out var schedule, out _);
                    timers[node.Id] = schedule!;
                    break;
                case MessageTrigger m:
                    messageNames[node.Id] = m.MessageRef is null ? null : messages.GetValueOrDefault(m.MessageRef) ?? m.MessageRef;
                    break;
                case EscalationTrigger e:
                    escalationCodes[node.Id] = e.EscalationRef is null ? null : escalations.GetValueOrDefault(e.EscalationRef);
                    break;
            }
            if (node is StartEvent { Trigger: null })
            {
                noneStarts[node.ParentId ?? ""] = node;
            }
            if (node is InclusiveGateway && Index.Incoming(node.Id).Count > 1)
            {
                inclusiveFeeders[node.Id] = Index.CanReach(node.Id);
            }
        }
    }

    public GraphIndex Index { get; }

    /// <exception cref="InvalidDefinitionException">The definition has validation problems; it must not run.</exception>
    public static ProcessGraph For(Definition definition) => Cache.GetValue(definition, d =>
    {
        var problems = DefinitionValidator.Validate(d);
        return problems.Count == 0 ? new ProcessGraph(d) : throw new InvalidDefinitionException(problems);
    });

    public FlowNode Node(string id) => Index.Nodes[id];

    public IReadOnlyList<SequenceFlow> Outgoing(string nodeId) => Index.Outgoing(nodeId);

    public int IncomingCount(string nodeId) => Index.Incoming(nodeId).Count;

    public IReadOnlyList<BoundaryEvent> BoundariesOf(string activityId) => Index.BoundariesOf(activityId);

    public CompiledExpression? Condition(SequenceFlow flow) => conditions.GetValueOrDefault(flow.Id);

    public TimerSchedule Timer(string nodeId) => timers[nodeId];

    public StepSettings Step(string nodeId) => steps[nodeId];

    public string? MessageName(string nodeId) => messageNames.GetValueOrDefault(nodeId);

    public string? EscalationCode(string nodeId) => escalationCodes.GetValueOrDefault(nodeId);

    /// <summary>The none start event of the process (scope null) or of a sub-process.</summary>
    public FlowNode? NoneStart(string? scopeElementId) => noneStarts.GetValueOrDefault(scopeElementId ?? "");

    public FlowNode? MessageStart(string messageName) =>
        Index.Definition.Nodes.OfType<StartEvent>().FirstOrDefault(s => s.ParentId is null && MessageName(s.Id) == messageName);

    /// <summary>Nodes from which a token can still reach the inclusive join <paramref name="gatewayId"/>.</summary>
    public HashSet<string> InclusiveFeeders(string gatewayId) => inclusiveFeeders[gatewayId];
}

public sealed class InvalidDefinitionException(IReadOnlyList<Problem> problems)
    : Exception($"the definition has {problems.Count} problem(s); first: {problems[0]}")
{
    public IReadOnlyList<Problem> Problems { get; } = problems;
}
