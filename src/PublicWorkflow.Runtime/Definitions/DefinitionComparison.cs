using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Runtime.Definitions;

/// <summary>A step added, removed or changed between two versions, with what changed (name, role, level, stage, time limit, handler).</summary>
public sealed record StepChange(string ElementId, string? Name, string Change, IReadOnlyList<string> Differences);

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
            oldHandoffs.Count, newHandoffs.Count, newHandoffs.Except(oldHandoffs).ToList(), oldHandoffs.Except(newHandoffs).ToList(),
            WorkingDays(before), WorkingDays(after));
    }

    private static IEnumerable<FlowNode> Steps(Definition definition) => definition.Nodes.Where(IsStep);

    private static bool IsStep(FlowNode node) => node is UserTask or ServiceTask or CallActivity;

    private static List<string> Differences(FlowNode before, FlowNode after)
    {
        var differences = new List<string>();
        void Compare(string what, string? a, string? b)
        {
            if (a != b)
            {
                differences.Add($"{what}: {a ?? "-"} -> {b ?? "-"}");
            }
        }
        var (a, b) = (StepSettings.Of(before), StepSettings.Of(after));
        Compare("name", before.Name, after.Name);
        Compare("role", a.CandidateRole, b.CandidateRole);
        Compare("level", a.Level, b.Level);
        Compare("stage", before.Pwf.Stage, after.Pwf.Stage);
        Compare("time limit", Limit(a.TimeLimit), Limit(b.TimeLimit));
        Compare("handler", a.Handler, b.Handler);
        return differences;
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
        step.Pwf.Stage is null ? step.Pwf.Level ?? "-" : Dossiers.DossierStage.Of(step).Party.ToString().ToLowerInvariant();

    private static decimal WorkingDays(Definition definition) =>
        Steps(definition).Select(s => StepSettings.Of(s).TimeLimit).OfType<TimeLimit>()
            .Sum(l => l.Unit == TimeLimitUnit.WorkingHours ? l.Amount / 8 : l.Amount);
}
