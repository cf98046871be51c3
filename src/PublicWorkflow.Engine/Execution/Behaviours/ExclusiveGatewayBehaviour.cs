using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Engine.Execution.Behaviours;

/// <summary>Takes the first outgoing flow (in document order) whose condition holds, else the default flow.</summary>
internal sealed class ExclusiveGatewayBehaviour : INodeBehaviour
{
    public void Enter(CaseExecution execution, Token token)
    {
        var gateway = (ExclusiveGateway)token.Node;
        var outgoing = execution.Graph.Outgoing(gateway.Id);
        SequenceFlow? chosen = null;
        foreach (var flow in outgoing)
        {
            if (flow.Id == gateway.DefaultFlowId)
            {
                continue;
            }
            if (flow.Condition is null || execution.Holds(flow))
            {
                chosen = flow;
                break;
            }
        }
        chosen ??= outgoing.FirstOrDefault(f => f.Id == gateway.DefaultFlowId)
            ?? throw CaseExecution.Reject(RejectionCode.NoPath, $"no condition of gateway '{gateway.Id}' holds and it has no default flow");
        execution.Audit("decision", gateway.Id, $"took {chosen.Id}");
        execution.Enqueue(execution.Graph.Node(chosen.TargetRef), token.ScopeId, chosen.Id);
    }
}
