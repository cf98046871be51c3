namespace PublicWorkflow.Engine.Execution.Behaviours;

/// <summary>Opens a scope and starts it at its none start event; the scope completes when nothing inside is left.</summary>
internal sealed class SubProcessBehaviour : INodeBehaviour
{
    public void Enter(CaseExecution execution, Token token)
    {
        var scope = execution.Begin(token.Node, token.ScopeId);
        execution.Audit("subprocess-started", token.Node.Id, scope.Id);
        execution.Enqueue(execution.Graph.NoneStart(token.Node.Id)!, scope.Id, null);
    }
}
