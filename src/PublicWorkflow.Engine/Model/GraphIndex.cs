namespace PublicWorkflow.Engine.Model;

/// <summary>
/// Look-ups over a definition's graph that both the validator and the interpreter need. Tolerant of
/// broken definitions: flows to unknown ids are simply left out of the adjacency.
/// </summary>
public sealed class GraphIndex
{
    private static readonly IReadOnlyList<SequenceFlow> NoFlows = [];
    private static readonly IReadOnlyList<BoundaryEvent> NoBoundaries = [];

    private readonly Dictionary<string, List<SequenceFlow>> outgoing = [];
    private readonly Dictionary<string, List<SequenceFlow>> incoming = [];
    private readonly Dictionary<string, List<BoundaryEvent>> boundaries = [];

    public GraphIndex(Definition definition)
    {
        Definition = definition;
        foreach (var node in definition.Nodes)
        {
            Nodes.TryAdd(node.Id, node);
        }
        foreach (var flow in definition.Flows)
        {
            if (Nodes.ContainsKey(flow.SourceRef) && Nodes.ContainsKey(flow.TargetRef))
            {
                Add(outgoing, flow.SourceRef, flow);
                Add(incoming, flow.TargetRef, flow);
            }
        }
        foreach (var boundary in definition.Nodes.OfType<BoundaryEvent>())
        {
            if (boundary.AttachedToRef is not null && Nodes.ContainsKey(boundary.AttachedToRef))
            {
                Add(boundaries, boundary.AttachedToRef, boundary);
            }
        }
    }

    public Definition Definition { get; }

    public Dictionary<string, FlowNode> Nodes { get; } = [];

    public IReadOnlyList<SequenceFlow> Outgoing(string nodeId) => outgoing.TryGetValue(nodeId, out var list) ? list : NoFlows;

    public IReadOnlyList<SequenceFlow> Incoming(string nodeId) => incoming.TryGetValue(nodeId, out var list) ? list : NoFlows;

    public IReadOnlyList<BoundaryEvent> BoundariesOf(string activityId) => boundaries.TryGetValue(activityId, out var list) ? list : NoBoundaries;

    /// <summary>
    /// Where a token at <paramref name="nodeId"/> can go next: its outgoing flows' targets and, for an
    /// activity, its boundary events.
    /// </summary>
    public IEnumerable<string> Successors(string nodeId) =>
        Outgoing(nodeId).Select(f => f.TargetRef).Concat(BoundariesOf(nodeId).Select(b => b.Id));

    /// <summary>Every node reachable from <paramref name="from"/> (the start itself included), never passing through <paramref name="barrier"/>.</summary>
    public HashSet<string> ReachableFrom(IEnumerable<string> from, string? barrier = null)
    {
        var seen = new HashSet<string>();
        var work = new Stack<string>(from);
        while (work.Count > 0)
        {
            var id = work.Pop();
            if (!seen.Add(id) || id == barrier)
            {
                continue;
            }
            foreach (var next in Successors(id))
            {
                work.Push(next);
            }
        }
        return seen;
    }

    /// <summary>Every node from which <paramref name="target"/> can be reached, walking flows and boundary attachments backwards.</summary>
    public HashSet<string> CanReach(string target)
    {
        var predecessors = new Dictionary<string, List<string>>();
        foreach (var node in Nodes.Keys)
        {
            foreach (var next in Successors(node))
            {
                Add(predecessors, next, node);
            }
        }

        var seen = new HashSet<string>();
        var work = new Stack<string>(predecessors.GetValueOrDefault(target) ?? []);
        while (work.Count > 0)
        {
            var id = work.Pop();
            if (!seen.Add(id))
            {
                continue;
            }
            foreach (var previous in predecessors.GetValueOrDefault(id) ?? [])
            {
                work.Push(previous);
            }
        }
        return seen;
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(value);
    }
}
