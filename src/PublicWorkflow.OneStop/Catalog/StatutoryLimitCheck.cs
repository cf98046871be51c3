using PublicWorkflow.Engine.Model;
using PublicWorkflow.Engine.Timers;
using PublicWorkflow.Engine.Validation;
using PublicWorkflow.OneStop.Dossiers;

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
            foreach (var (timer, fires) in LateTimers(definition, legal))
            {
                yield return new Problem("timer-after-appointment", timer.Id, timer.Line.Number,
                    $"this timer fires {fires:0.##} working days into the case, after the {legal:0.##} working days procedure {procedure.Code} allows: it would act on a dossier already late",
                    $"bộ hẹn giờ này kích hoạt sau {fires:0.##} ngày làm việc, muộn hơn {legal:0.##} ngày làm việc luật định của thủ tục {procedure.Code}",
                    IsWarning: true);
            }
            if (days > legal)
            {
                yield return new Problem("over-statutory-limit", null, definition.ProcessLine.Number,
                    $"the steps' time limits along the longest path add up to {days:0.##} working days, more than the {legal:0.##} working days procedure {procedure.Code} allows from {on:yyyy-MM-dd}: shorten the steps",
                    $"tổng thời hạn các bước trên đường dài nhất là {days:0.##} ngày làm việc, vượt {legal:0.##} ngày làm việc luật định của thủ tục {procedure.Code}: cần rút ngắn các bước",
                    IsWarning: true);
            }
        }
    }

    /// <summary>
    /// Timers in working days on the staff's steps (not those waiting for the applicant, whose time the clock does not
    /// count) that fire, counted from the latest the step can open, later than the legal limit.
    /// </summary>
    private static IEnumerable<(BoundaryEvent Timer, decimal Fires)> LateTimers(Definition definition, decimal legal)
    {
        var starts = LatestStarts(definition);
        foreach (var timer in definition.Nodes.OfType<BoundaryEvent>())
        {
            if (timer.Trigger is not TimerTrigger { Timer: { Kind: TimerKind.Duration, WorkingDays: true } schedule }
                || !IsoDuration.TryParse(schedule.Expression, out var duration)
                || definition.Node(timer.AttachedToRef) is not { } step || !starts.TryGetValue(step.Id, out var start)
                || DossierStage.Of(step).Party == Party.Applicant)
            {
                continue;
            }
            var fires = start + duration.TotalDays + (decimal)duration.Time.TotalHours / 8;
            if (fires > legal)
            {
                yield return (timer, fires);
            }
        }
    }

    /// <summary>The latest working day, counted from the start, at which each element can be reached (before its own limit).</summary>
    private static Dictionary<string, decimal> LatestStarts(Definition definition)
    {
        var best = new Dictionary<string, decimal>();
        var memo = new Dictionary<string, decimal>();
        void Visit(FlowNode node, decimal arrival, HashSet<string> path)
        {
            if (best.TryGetValue(node.Id, out var known) && known >= arrival || !path.Add(node.Id))
            {
                return;
            }
            best[node.Id] = arrival;
            decimal own;
            if (node is SubProcess)
            {
                foreach (var start in definition.Nodes.Where(n => n is StartEvent && n.ParentId == node.Id))
                {
                    Visit(start, arrival, path);
                }
                own = FromStarts(definition, node.Id, memo, []);
            }
            else
            {
                own = Days(StepSettings.Of(node).TimeLimit);
            }
            foreach (var next in definition.Flows.Where(f => f.SourceRef == node.Id).Select(f => definition.Node(f.TargetRef)).OfType<FlowNode>())
            {
                Visit(next, arrival + own, path);
            }
            path.Remove(node.Id);
        }
        foreach (var start in definition.Nodes.Where(n => n is StartEvent && n.ParentId is null))
        {
            Visit(start, 0, []);
        }
        return best;
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
