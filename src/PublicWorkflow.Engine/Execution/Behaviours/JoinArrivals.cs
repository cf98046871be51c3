namespace PublicWorkflow.Engine.Execution.Behaviours;

/// <summary>Counting tokens per incoming flow of a join, shared by the parallel and inclusive gateways.</summary>
internal static class JoinArrivals
{
    public static void Add(CaseExecution execution, string gatewayId, string? scopeId, string flowId)
    {
        var index = execution.Joins.FindIndex(j => j.GatewayId == gatewayId && j.ScopeId == scopeId && j.FlowId == flowId);
        if (index < 0)
        {
            execution.Joins.Add(new JoinArrival(gatewayId, scopeId, flowId, 1));
        }
        else
        {
            execution.Joins[index] = execution.Joins[index] with { Count = execution.Joins[index].Count + 1 };
        }
    }

    /// <summary>Takes one token from each of the given flows (those with none are skipped).</summary>
    public static void ConsumeOneEach(CaseExecution execution, string gatewayId, string? scopeId)
    {
        for (var i = execution.Joins.Count - 1; i >= 0; i--)
        {
            var join = execution.Joins[i];
            if (join.GatewayId != gatewayId || join.ScopeId != scopeId)
            {
                continue;
            }
            if (join.Count == 1)
            {
                execution.Joins.RemoveAt(i);
            }
            else
            {
                execution.Joins[i] = join with { Count = join.Count - 1 };
            }
        }
    }

    public static bool HasArrived(CaseExecution execution, string gatewayId, string? scopeId, string flowId) =>
        execution.Joins.Exists(j => j.GatewayId == gatewayId && j.ScopeId == scopeId && j.FlowId == flowId);
}
