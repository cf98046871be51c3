using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Engine.Execution.Behaviours;

/// <summary>
/// Forks to every outgoing flow whose condition holds (the default only when none does). As a join it waits
/// until no token left in its scope can still reach it, then fires once for the tokens that came.
/// </summary>
internal sealed class InclusiveGatewayBehaviour : INodeBehaviour
{
    public void Enter(CaseExecution execution, Token token)
    {
        if (execution.Graph.IncomingCount(token.Node.Id) > 1)
        {
            // Whether to fire is decided once every token has moved as far as it can (see FireEnabledJoin).
            JoinArrivals.Add(execution, token.Node.Id, token.ScopeId, token.ViaFlowId!);
            return;
        }
        Fork(execution, (InclusiveGateway)token.Node, token.ScopeId);
    }

    public static bool FireEnabledJoin(CaseExecution execution)
    {
        for (var i = 0; i < execution.Joins.Count; i++)
        {
            var waiting = execution.Joins[i];
            if (execution.Graph.Node(waiting.GatewayId) is not InclusiveGateway gateway)
            {
                continue;
            }
            var feeders = execution.Graph.InclusiveFeeders(gateway.Id);
            var blocked = execution.Activities.Exists(a => a.ScopeId == waiting.ScopeId && feeders.Contains(a.ElementId))
                || execution.Joins.Exists(j => j.ScopeId == waiting.ScopeId && j.GatewayId != gateway.Id && feeders.Contains(j.GatewayId));
            if (blocked)
            {
                continue;
            }
            JoinArrivals.ConsumeOneEach(execution, gateway.Id, waiting.ScopeId);
            execution.Audit("joined", gateway.Id, "no other branch can still arrive");
            Fork(execution, gateway, waiting.ScopeId);
            return true;
        }
        return false;
    }

    private static void Fork(CaseExecution execution, InclusiveGateway gateway, string? scopeId)
    {
        var taken = new List<SequenceFlow>();
        foreach (var flow in execution.Graph.Outgoing(gateway.Id))
        {
            if (flow.Id != gateway.DefaultFlowId && (flow.Condition is null || execution.Holds(flow)))
            {
                taken.Add(flow);
            }
        }
        if (taken.Count == 0)
        {
            taken.Add(execution.Graph.Outgoing(gateway.Id).FirstOrDefault(f => f.Id == gateway.DefaultFlowId)
                ?? throw CaseExecution.Reject(RejectionCode.NoPath, $"no condition of gateway '{gateway.Id}' holds and it has no default flow"));
        }
        execution.Audit("decision", gateway.Id, $"took {string.Join(", ", taken.Select(f => f.Id))}");
        foreach (var flow in taken)
        {
            execution.Enqueue(execution.Graph.Node(flow.TargetRef), scopeId, flow.Id);
        }
    }
}
