using PublicWorkflow.Engine.Model;
using PublicWorkflow.Engine.Validation;

namespace PublicWorkflow.OneStop.Catalog;

/// <summary>
/// Does a workflow fit the law? The steps' own limits (pwf:timeLimit) along the longest path from start to end, in
/// working days (working hours at 8 an office day; a loop back is not walked twice), against the legal limit of every
/// procedure that runs the workflow, by the rule in force on <c>on</c>. A limit in calendar days is not comparable with
/// working days and is not checked. No peer engine does this; an officer sees it as a warning when saving a draft.
/// </summary>
public static class StatutoryLimitCheck
{
    /// <summary>The working days of the longest path through the process (0 when no step has a limit).</summary>
    public static decimal LongestPathDays(Definition definition)
    {
        var memo = new Dictionary<string, decimal>();
        return FromStarts(definition, null, memo, []);
    }

    public static IEnumerable<Problem> Problems(Definition definition, ProcedureCatalog catalog, DateOnly on)
    {
        var procedures = catalog.Procedures.Where(p => p.Workflow == definition.ProcessId).ToList();
        if (procedures.Count == 0)
        {
            yield break;
        }
        var days = LongestPathDays(definition);
        foreach (var procedure in procedures)
        {
            if (procedure.TimeLimitOn(on) is not { Limit: { Unit: not TimeLimitUnit.CalendarDays } limit })
            {
                continue;
            }
            var legal = limit.Unit == TimeLimitUnit.WorkingHours ? limit.Amount / 8 : limit.Amount;
            if (days > legal)
            {
                yield return new Problem("over-statutory-limit", null, definition.ProcessLine.Number,
                    $"the steps' time limits along the longest path add up to {days:0.##} working days, more than the {legal:0.##} working days procedure {procedure.Code} allows from {on:yyyy-MM-dd}: shorten the steps",
                    $"tổng thời hạn các bước trên đường dài nhất là {days:0.##} ngày làm việc, vượt {legal:0.##} ngày làm việc luật định của thủ tục {procedure.Code}: cần rút ngắn các bước",
                    IsWarning: true);
            }
        }
    }

    private static decimal FromStarts(Definition definition, string? scope, Dictionary<string, decimal> memo, HashSet<string> path) =>
        definition.Nodes.Where(n => n is StartEvent && n.ParentId == scope).Select(s => Longest(definition, s, memo, path)).DefaultIfEmpty(0).Max();

    private static decimal Longest(Definition definition, FlowNode node, Dictionary<string, decimal> memo, HashSet<string> path)
    {
        if (memo.TryGetValue(node.Id, out var known))
        {
            return known;
        }
        path.Add(node.Id);
        var own = node is SubProcess ? FromStarts(definition, node.Id, memo, path) : Days(StepSettings.Of(node).TimeLimit);
        var next = definition.Flows.Where(f => f.SourceRef == node.Id && !path.Contains(f.TargetRef))
            .Select(f => definition.Node(f.TargetRef)).OfType<FlowNode>()
            .Select(n => Longest(definition, n, memo, path)).DefaultIfEmpty(0).Max();
        path.Remove(node.Id);
        return memo[node.Id] = own + next;
    }

    private static decimal Days(TimeLimit? limit) => limit switch
    {
        { Unit: TimeLimitUnit.WorkingHours } l => l.Amount / 8,
        { } l => l.Amount,
        null => 0,
    };
}
