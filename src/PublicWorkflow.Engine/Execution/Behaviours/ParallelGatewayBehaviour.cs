using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Engine.Execution.Behaviours;

/// <summary>
/// Forks to every outgoing flow. As a join it fires only when a token waits on every incoming flow,
/// counted per flow, so a second token on one flow after a loop back never stands in for another flow.
/// </summary>
internal sealed class ParallelGatewayBehaviour : INodeBehaviour
{
    public void Enter(CaseExecution execution, Token token)
    {
        var gateway = token.Node;
        var incoming = execution.Graph.Index.Incoming(gateway.Id);
        if (incoming.Count > 1)
        {
            JoinArrivals.Add(execution, gateway.Id, token.ScopeId, token.ViaFlowId!);
            if (!incoming.All(f => JoinArrivals.HasArrived(execution, gateway.Id, token.ScopeId, f.Id)))
            {
                return;
            }
            JoinArrivals.ConsumeOneEach(execution, gateway.Id, token.ScopeId);
            execution.Audit("joined", gateway.Id, $"all {incoming.Count} branches arrived");
        }
        foreach (var flow in execution.Graph.Outgoing(gateway.Id))
        {
            execution.Enqueue(execution.Graph.Node(flow.TargetRef), token.ScopeId, flow.Id);
        }
    }
}
