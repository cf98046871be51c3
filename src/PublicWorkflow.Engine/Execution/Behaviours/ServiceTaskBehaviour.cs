namespace PublicWorkflow.Engine.Execution.Behaviours;

/// <summary>Asks the runtime to run the named handler and waits for its success or failure.</summary>
internal sealed class ServiceTaskBehaviour : INodeBehaviour
{
    public void Enter(CaseExecution execution, Token token)
    {
        var instance = execution.Begin(token.Node, token.ScopeId);
        var handler = execution.Graph.Step(token.Node.Id).Handler!;
        execution.Effects.Add(new InvokeHandler(instance.Id, token.Node.Id, handler));
        execution.Audit("handler-invoked", token.Node.Id, $"{instance.Id} runs {handler}");
    }
}
