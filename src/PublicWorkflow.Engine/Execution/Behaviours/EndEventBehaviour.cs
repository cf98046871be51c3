using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Engine.Execution.Behaviours;

/// <summary>
/// A none end consumes its token. A terminate end ends every token of its scope. An escalation end throws
/// to the nearest enclosing sub-process with a matching escalation boundary event, or out of the case.
/// </summary>
internal sealed class EndEventBehaviour : INodeBehaviour
{
    public void Enter(CaseExecution execution, Token token)
    {
        var end = (EndEvent)token.Node;
        switch (end.Trigger)
        {
            case TerminateTrigger:
                Terminate(execution, end, token.ScopeId);
                break;
            case EscalationTrigger:
                Escalate(execution, end, token.ScopeId);
                break;
        }
    }

    private static void Terminate(CaseExecution execution, EndEvent end, string? scopeId)
    {
        foreach (var instance in execution.Activities.Where(a => a.ScopeId == scopeId).ToList())
        {
            execution.Cancel(instance);
        }
        execution.Joins.RemoveAll(j => j.ScopeId == scopeId);
        execution.DropTokensOfScope(scopeId);
        execution.DropTokensOfEndedScopes();
        execution.Audit("terminated", end.Id, scopeId is null ? "the case was terminated" : $"sub-process {scopeId} was terminated");
        if (scopeId is null)
        {
            execution.Status = CaseStatus.Terminated;
            execution.Effects.Add(new CaseCompleted(CaseOutcome.Terminated));
        }
    }

    private static void Escalate(CaseExecution execution, EndEvent end, string? scopeId)
    {
        var code = execution.Graph.EscalationCode(end.Id);
        for (var scope = scopeId is null ? null : execution.FindActivity(scopeId); scope is not null;
             scope = scope.ScopeId is null ? null : execution.FindActivity(scope.ScopeId))
        {
            var catcher = execution.Graph.BoundariesOf(scope.ElementId).FirstOrDefault(b =>
                b.Trigger is EscalationTrigger && (execution.Graph.EscalationCode(b.Id) is not { } wanted || wanted == code));
            if (catcher is null)
            {
                continue;
            }
            execution.Effects.Add(new RaiseEscalation(end.Id, code, catcher.Id));
            execution.Audit("escalation", end.Id, $"escalation '{code}' caught by {catcher.Id}");
            if (catcher.CancelActivity)
            {
                execution.Cancel(scope);
                execution.DropTokensOfEndedScopes();
            }
            execution.Enqueue(catcher, scope.ScopeId, null);
            return;
        }
        execution.Effects.Add(new RaiseEscalation(end.Id, code, null));
        execution.Audit("escalation", end.Id, $"escalation '{code}' raised to the supervisor");
    }
}
