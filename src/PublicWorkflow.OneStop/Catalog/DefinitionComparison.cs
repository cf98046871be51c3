using PublicWorkflow.Engine.Model;

using PublicWorkflow.OneStop.Dossiers;

namespace PublicWorkflow.OneStop.Catalog;

/// <summary>A step added, removed or changed between two versions, with what changed (name, role, level, stage, time limit, handler).</summary>
public sealed record StepChange(string ElementId, string? Name, string Change, IReadOnlyList<string> Differences);

/// <summary>
/// A decision path (a flow leaving an exclusive or inclusive gateway) added, removed or changed: its condition, where
/// it leads, whether it is the gateway's default path.
/// </summary>
public sealed record RouteChange(string FlowId, string? Name, string Gateway, string Change, IReadOnlyList<string> Differences);

/// <summary>Work passing from one party (a level, the branch, the agency) to another between two consecutive steps.</summary>
public sealed record Handoff(string From, string To, string FromParty, string ToParty);

/// <summary>How a version did in practice: dossiers resolved on it and their average working days from receipt to resolution.</summary>
public sealed record VersionHistory(int Resolved, decimal? AverageWorkingDays);

/// <summary>
/// What a reform officer's change did: the simplification figures of two versions of one workflow. Required documents
/// are catalog data, not part of a workflow version: <see cref="RequiredDocuments"/> counts those of the procedures that
/// run this workflow today.
/// </summary>
public sealed record VersionComparison(
    int Steps,
    int StepsAfter,
    IReadOnlyList<StepChange> StepChanges,
    IReadOnlyList<RouteChange> RouteChanges,
    int Handoffs,
    int HandoffsAfter,
    IReadOnlyList<Handoff> HandoffsAdded,
    IReadOnlyList<Handoff> HandoffsRemoved,
    decimal WorkingDays,
    decimal WorkingDaysAfter,
    VersionHistory? History = null,
    VersionHistory? HistoryAfter = null,
    int? RequiredDocuments = null);

/// <summary>
/// Compares two versions of a workflow. Steps are the tasks and call activities, matched by element id. A hand-off is
/// a step followed (through gateways and events) by a step of another party: the stage's party (branch, agency,
/// applicant) when marked, else its level. The total time limit is the sum of the steps' limits in working days
/// (working hours count as eighths of a day; calendar days count as they are).
/// </summary>
public static class DefinitionComparison
{
    public static VersionComparison Compare(Definition before, Definition after)
    {
        var oldSteps = Steps(before).ToDictionary(s => s.Id);
        var newSteps = Steps(after).ToDictionary(s => s.Id);
        var changes = new List<StepChange>();
        foreach (var (id, step) in newSteps)
        {
            if (!oldSteps.TryGetValue(id, out var old))
            {
                changes.Add(new StepChange(id, step.Name, "added", []));
            }
            else if (Differences(old, step) is { Count: > 0 } differences)
            {
                changes.Add(new StepChange(id, step.Name, "changed", differences));
            }
        }
        changes.AddRange(oldSteps.Values.Where(s => !newSteps.ContainsKey(s.Id)).Select(s => new StepChange(s.Id, s.Name, "removed", [])));
        var oldHandoffs = Handoffs(before);
        var newHandoffs = Handoffs(after);
        return new VersionComparison(oldSteps.Count, newSteps.Count, changes.OrderBy(c => c.ElementId, StringComparer.Ordinal).ToList(),
            RouteChanges(before, after), oldHandoffs.Count, newHandoffs.Count, newHandoffs.Except(oldHandoffs).ToList(), oldHandoffs.Except(newHandoffs).ToList(),
            WorkingDays(before), WorkingDays(after));
    }

    private static List<RouteChange> RouteChanges(Definition before, Definition after)
    {
        var oldRoutes = Routes(before);
        var newRoutes = Routes(after);
        var changes = new List<RouteChange>();
        foreach (var (id, route) in newRoutes)
        {
            if (!oldRoutes.TryGetValue(id, out var old))
            {
                changes.Add(new RouteChange(id, route.Flow.Name, route.Flow.SourceRef, "added", []));
                continue;
            }
            var differences = new List<string>();
            Note(differences, "condition", old.Flow.Condition?.Trim(), route.Flow.Condition?.Trim());
            Note(differences, "leads to", old.Flow.TargetRef, route.Flow.TargetRef);
            Note(differences, "default", old.IsDefault ? "yes" : "no", route.IsDefault ? "yes" : "no");
            if (differences.Count > 0)
            {
                changes.Add(new RouteChange(id, route.Flow.Name, route.Flow.SourceRef, "changed", differences));
            }
        }
        changes.AddRange(oldRoutes.Values.Where(r => !newRoutes.ContainsKey(r.Flow.Id))
            .Select(r => new RouteChange(r.Flow.Id, r.Flow.Name, r.Flow.SourceRef, "removed", [])));
        return changes.OrderBy(c => c.FlowId, StringComparer.Ordinal).ToList();
    }

    /// <summary>The flows leaving a decision (exclusive or inclusive gateway), by id, and whether each is its gateway's default.</summary>
    private static Dictionary<string, (SequenceFlow Flow, bool IsDefault)> Routes(Definition definition) =>
        definition.Flows
            .Select(f => (Flow: f, Gateway: definition.Node(f.SourceRef)))
            .Where(r => r.Gateway is ExclusiveGateway or InclusiveGateway)
            .ToDictionary(r => r.Flow.Id, r => (r.Flow, r.Gateway switch
            {
                ExclusiveGateway g => g.DefaultFlowId == r.Flow.Id,
                InclusiveGateway g => g.DefaultFlowId == r.Flow.Id,
                _ => false,
            }));

    private static IEnumerable<FlowNode> Steps(Definition definition) => definition.Nodes.Where(IsStep);

    private static bool IsStep(FlowNode node) => node is UserTask or ServiceTask or CallActivity;

    private static List<string> Differences(FlowNode before, FlowNode after)
    {
        var differences = new List<string>();
        var (a, b) = (StepSettings.Of(before), StepSettings.Of(after));
        Note(differences, "name", before.Name, after.Name);
        Note(differences, "role", a.CandidateRole, b.CandidateRole);
        Note(differences, "level", a.Level, b.Level);
        Note(differences, "stage", before.Pwf.Stage, after.Pwf.Stage);
        Note(differences, "time limit", Limit(a.TimeLimit), Limit(b.TimeLimit));
        Note(differences, "handler", a.Handler, b.Handler);
        return differences;
    }

    /// <summary>Adds "what: before -> after" when the two differ.</summary>
    private static void Note(List<string> differences, string what, string? before, string? after)
    {
        if (before != after)
        {
            differences.Add($"{what}: {before ?? "-"} -> {after ?? "-"}");
        }
    }

    private static string? Limit(TimeLimit? limit) => limit is { } l ? $"{l.Amount} {TimeLimit.UnitName(l.Unit)}" : null;

    private static List<Handoff> Handoffs(Definition definition)
    {
        var handoffs = new List<Handoff>();
        foreach (var step in Steps(definition))
        {
            foreach (var next in NextSteps(definition, step.Id))
            {
                var (from, to) = (Party(step), Party(next));
                if (from != to)
                {
                    handoffs.Add(new Handoff(step.Id, next.Id, from, to));
                }
            }
        }
        return handoffs.Distinct().ToList();
    }

    /// <summary>The steps reached from a step's outgoing flows, passing through gateways and events.</summary>
    private static IEnumerable<FlowNode> NextSteps(Definition definition, string stepId)
    {
        var seen = new HashSet<string> { stepId };
        var queue = new Queue<string>(definition.Flows.Where(f => f.SourceRef == stepId).Select(f => f.TargetRef));
        while (queue.TryDequeue(out var id))
        {
            if (!seen.Add(id) || definition.Node(id) is not { } node)
            {
                continue;
            }
            if (IsStep(node))
            {
                yield return node;
                continue;
            }
            foreach (var flow in definition.Flows.Where(f => f.SourceRef == id))
            {
                queue.Enqueue(flow.TargetRef);
            }
        }
    }

    private static string Party(FlowNode step) =>
        step.Pwf.Stage is null ? step.Pwf.Level ?? "-" : DossierStage.Of(step).Party.ToString().ToLowerInvariant();

    private static decimal WorkingDays(Definition definition) =>
        Steps(definition).Select(s => StepSettings.Of(s).TimeLimit).OfType<TimeLimit>()
            .Sum(l => l.Unit == TimeLimitUnit.WorkingHours ? l.Amount / 8 : l.Amount);
}
