namespace PublicWorkflow.Engine.Execution.Behaviours;

internal sealed class StartEventBehaviour : INodeBehaviour
{
    public void Enter(CaseExecution execution, Token token) => execution.LeaveAll(token.Node, token.ScopeId);
}
