namespace PublicWorkflow.Engine.Execution.Behaviours;

/// <summary>Entered once its timer fired or its escalation was caught; the attached step was already dealt with.</summary>
internal sealed class BoundaryEventBehaviour : INodeBehaviour
{
    public void Enter(CaseExecution execution, Token token) => execution.LeaveAll(token.Node, token.ScopeId);
}
