using PublicWorkflow.Engine.Expressions;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Engine.Timers;
using static PublicWorkflow.Engine.Validation.ProblemCatalog;

namespace PublicWorkflow.Engine.Validation;

/// <summary>
/// Finds every problem in a definition, not just the first, each with the element id, line and a plain reason.
/// A definition with no problems is safe to execute.
/// </summary>
public static class DefinitionValidator
{
    public static IReadOnlyList<Problem> Validate(Definition definition)
    {
        var index = new GraphIndex(definition);
        var problems = new List<Problem>();
        var knownIds = index.Nodes.Keys.Concat(definition.RawElements.Where(r => r.Id is not null).Select(r => r.Id!)).ToHashSet();

        foreach (var raw in definition.RawElements.Where(r => r.Kind == RawElementKind.Unsupported))
        {
            problems.Add(Make("unsupported-element", raw.Id, raw.Line, raw.LocalName));
        }
        foreach (var duplicate in definition.RawElements.Where(r => r.Kind == RawElementKind.DuplicateId))
        {
            problems.Add(Make("duplicate-id", duplicate.Id, duplicate.Line, duplicate.Id));
        }

        CheckStarts(definition, problems);
        CheckReferences(definition, index, knownIds, problems);
        CheckNodes(definition, index, problems);
        CheckFlows(definition, problems);
        CheckPaths(definition, index, problems);
        CheckParallelJoins(definition, index, problems);

        return problems.OrderBy(p => p.Line).ThenBy(p => p.ElementId, StringComparer.Ordinal).ToList();
    }

    private static void CheckStarts(Definition definition, List<Problem> problems)
    {
        var scopes = definition.Nodes.OfType<SubProcess>().Select(s => (Id: (string?)s.Id, s.Line, Label: $"sub-process '{s.Id}'"))
            .Prepend((definition.ProcessId, definition.ProcessLine, $"process '{definition.ProcessId}'"));
        foreach (var (id, line, label) in scopes)
        {
            var scopeId = id == definition.ProcessId ? null : id;
            var starts = definition.Nodes.OfType<StartEvent>().Where(s => s.ParentId == scopeId).ToList();
            var noneStarts = starts.Count(s => s.Trigger is null);
            // A sub-process needs a none start; the process may start by message instead.
            if (scopeId is null ? starts.Count == 0 : noneStarts == 0)
            {
                problems.Add(Make("no-start", id, line, label));
            }
            if (noneStarts > 1)
            {
                problems.Add(Make("several-starts", id, line, label));
            }
        }
    }

    private static void CheckReferences(Definition definition, GraphIndex index, HashSet<string> knownIds, List<Problem> problems)
    {
        foreach (var flow in definition.Flows)
        {
            foreach (var (role, target) in new[] { ("sourceRef", flow.SourceRef), ("targetRef", flow.TargetRef) })
            {
                if (!knownIds.Contains(target))
                {
                    problems.Add(Make("dangling-reference", flow.Id, flow.Line, $"flow {role}", target));
                }
            }
            if (index.Nodes.TryGetValue(flow.SourceRef, out var source) && index.Nodes.TryGetValue(flow.TargetRef, out var target2)
                && (source.ParentId != flow.ParentId || target2.ParentId != flow.ParentId))
            {
                problems.Add(Make("cross-scope-flow", flow.Id, flow.Line));
            }
        }

        var messageIds = definition.Messages.Select(m => m.Id).ToHashSet();
        var escalationIds = definition.Escalations.Select(e => e.Id).ToHashSet();
        foreach (var node in definition.Nodes)
        {
            var trigger = TriggerOf(node);
            if (trigger is MessageTrigger message)
            {
                if (message.MessageRef is null)
                {
                    problems.Add(Make("missing-message", node.Id, node.Line));
                }
                else if (!messageIds.Contains(message.MessageRef))
                {
                    problems.Add(Make("dangling-reference", node.Id, node.Line, "messageRef", message.MessageRef));
                }
            }
            if (trigger is EscalationTrigger { EscalationRef: { } escalationRef } && !escalationIds.Contains(escalationRef))
            {
                problems.Add(Make("dangling-reference", node.Id, node.Line, "escalationRef", escalationRef));
            }
            if (node is EndEvent { Trigger: EscalationTrigger escalation }
                && (escalation.EscalationRef is null || definition.Escalations.FirstOrDefault(e => e.Id == escalation.EscalationRef) is { Code: null }))
            {
                problems.Add(Make("missing-escalation-code", node.Id, node.Line));
            }
        }
    }

    private static EventTrigger? TriggerOf(FlowNode node) => node switch
    {
        StartEvent s => s.Trigger,
        EndEvent e => e.Trigger,
        IntermediateCatchEvent c => c.Trigger,
        BoundaryEvent b => b.Trigger,
        _ => null,
    };

    private static void CheckNodes(Definition definition, GraphIndex index, List<Problem> problems)
    {
        foreach (var node in definition.Nodes)
        {
            var step = StepSettings.Of(node);
            switch (node)
            {
                case UserTask when step.CandidateRole is null && step.Assignee is null:
                    problems.Add(Make("missing-role", node.Id, node.Line));
                    break;
                case ServiceTask when string.IsNullOrWhiteSpace(step.Handler):
                    problems.Add(Make("missing-handler", node.Id, node.Line));
                    break;
                case CallActivity { CalledElement: null or "" }:
                    problems.Add(Make("missing-called-element", node.Id, node.Line));
                    break;
                case ExclusiveGateway or InclusiveGateway when DefaultFlowOf(node) is { } defaultFlow
                                                              && index.Outgoing(node.Id).All(f => f.Id != defaultFlow):
                    problems.Add(Make("bad-default", node.Id, node.Line, defaultFlow));
                    break;
                case BoundaryEvent boundary:
                    CheckBoundary(boundary, index, problems);
                    break;
            }

            if (!StepSettings.TryReadTimeLimit(node.Pwf, out _, out var limitError))
            {
                problems.Add(Make("bad-time-limit", node.Id, node.Line, limitError));
            }
            if (TriggerOf(node) is TimerTrigger timer)
            {
                if (timer.Timer.Expression.Length == 0)
                {
                    problems.Add(Make("bad-timer", node.Id, node.Line, "the timer has no timeDuration, timeDate or timeCycle"));
                }
                else if (!TimerSchedule.TryParse(timer.Timer, out _, out var timerError))
                {
                    problems.Add(Make("bad-timer", node.Id, node.Line, timerError));
                }
            }
        }
    }

    private static void CheckBoundary(BoundaryEvent boundary, GraphIndex index, List<Problem> problems)
    {
        if (boundary.AttachedToRef is null || !index.Nodes.TryGetValue(boundary.AttachedToRef, out var host))
        {
            problems.Add(Make("dangling-reference", boundary.Id, boundary.Line, "attachedToRef", boundary.AttachedToRef ?? "(none)"));
            return;
        }
        if (host is not Activity)
        {
            problems.Add(Make("bad-boundary", boundary.Id, boundary.Line, $"it is attached to '{host.Id}', which is not a task, sub-process or call activity"));
        }
        else if (boundary.Trigger is EscalationTrigger && host is not SubProcess)
        {
            problems.Add(Make("bad-boundary", boundary.Id, boundary.Line, "an escalation boundary event must sit on a sub-process, where escalations are thrown"));
        }
        else if (host.ParentId != boundary.ParentId)
        {
            problems.Add(Make("bad-boundary", boundary.Id, boundary.Line, "it must be in the same scope as the activity it is attached to"));
        }
    }

    private static void CheckFlows(Definition definition, List<Problem> problems)
    {
        foreach (var flow in definition.Flows)
        {
            if (flow.Condition is not null && !CompiledExpression.TryCompile(flow.Condition, out _, out var error))
            {
                problems.Add(Make("bad-expression", flow.Id, flow.Line, error));
            }
        }
        foreach (var gateway in definition.Nodes.Where(n => n is ExclusiveGateway or InclusiveGateway))
        {
            var outgoing = definition.Flows.Where(f => f.SourceRef == gateway.Id).ToList();
            var defaultFlow = DefaultFlowOf(gateway);
            if (outgoing.Count < 2)
            {
                continue;
            }
            foreach (var flow in outgoing.Where(f => f.Condition is null && f.Id != defaultFlow))
            {
                problems.Add(Make("flow-without-condition", flow.Id, flow.Line, gateway.Id, flow.Id));
            }
        }
    }

    private static string? DefaultFlowOf(FlowNode gateway) => gateway switch
    {
        ExclusiveGateway x => x.DefaultFlowId,
        InclusiveGateway i => i.DefaultFlowId,
        _ => null,
    };

    private static void CheckPaths(Definition definition, GraphIndex index, List<Problem> problems)
    {
        // Reachable from the process's starts, then into each reachable sub-process from its own start.
        var reachable = index.ReachableFrom(definition.Nodes.OfType<StartEvent>().Where(s => s.ParentId is null).Select(s => s.Id));
        bool grew;
        do
        {
            var inner = definition.Nodes.OfType<StartEvent>()
                .Where(s => s.ParentId is not null && reachable.Contains(s.ParentId) && !reachable.Contains(s.Id)).Select(s => s.Id).ToList();
            grew = inner.Count > 0;
            reachable.UnionWith(index.ReachableFrom(inner));
        }
        while (grew);

        var canEnd = new HashSet<string>();
        foreach (var end in definition.Nodes.OfType<EndEvent>())
        {
            canEnd.Add(end.Id);
            canEnd.UnionWith(index.CanReach(end.Id));
        }

        foreach (var node in definition.Nodes)
        {
            if (!reachable.Contains(node.Id))
            {
                problems.Add(Make("unreachable", node.Id, node.Line));
            }
            else if (!canEnd.Contains(node.Id))
            {
                problems.Add(Make("no-way-to-end", node.Id, node.Line));
            }
        }
    }

    /// <summary>
    /// A parallel join fires only when all its incoming flows carry a token at once. Two flows can only do so
    /// if some split (parallel or inclusive gateway, an activity with several outgoing flows or a
    /// non-interrupting boundary event) feeds them from different branches.
    /// </summary>
    private static void CheckParallelJoins(Definition definition, GraphIndex index, List<Problem> problems)
    {
        var branchesOfSplits = definition.Nodes.Select(n => Branches(n, index)).Where(b => b.Count >= 2).ToList();
        foreach (var join in definition.Nodes.OfType<ParallelGateway>())
        {
            var incoming = index.Incoming(join.Id);
            if (incoming.Count < 2)
            {
                continue;
            }
            var reach = new Dictionary<string, HashSet<string>>();
            bool Feeds((string Key, string Start) branch, SequenceFlow flow)
            {
                if (branch.Key == flow.Id)
                {
                    return true;
                }
                if (!reach.TryGetValue(branch.Key, out var nodes))
                {
                    reach[branch.Key] = nodes = index.ReachableFrom([branch.Start], barrier: join.Id);
                }
                return nodes.Contains(flow.SourceRef);
            }

            var reported = false;
            for (var i = 0; i < incoming.Count && !reported; i++)
            {
                for (var j = i + 1; j < incoming.Count && !reported; j++)
                {
                    var (a, b) = (incoming[i], incoming[j]);
                    var together = branchesOfSplits.Any(branches =>
                        branches.Any(x => Feeds(x, a) && branches.Any(y => y.Key != x.Key && Feeds(y, b))));
                    if (!together)
                    {
                        problems.Add(Make("join-never-fires", join.Id, join.Line, a.Id, b.Id));
                        reported = true;
                    }
                }
            }
        }
    }

    /// <summary>The branches a node splits into at once, as (key, first node of the branch).</summary>
    private static List<(string Key, string Start)> Branches(FlowNode node, GraphIndex index)
    {
        if (node is ExclusiveGateway)
        {
            return [];
        }
        var branches = index.Outgoing(node.Id).Select(f => (f.Id, f.TargetRef)).ToList();
        branches.AddRange(index.BoundariesOf(node.Id).Where(b => !b.CancelActivity).Select(b => (b.Id, b.Id)));
        return branches;
    }
}
