using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Engine.Execution.Behaviours;

/// <summary>Asks the runtime to start a case of the called procedure and waits until that case reports back.</summary>
internal sealed class CallActivityBehaviour : INodeBehaviour
{
    public void Enter(CaseExecution execution, Token token)
    {
        var instance = execution.Begin(token.Node, token.ScopeId);
        var called = ((CallActivity)token.Node).CalledElement!;
        execution.Effects.Add(new StartCalledCase(instance.Id, token.Node.Id, called, execution.Variables));
        execution.Audit("case-called", token.Node.Id, $"{instance.Id} starts a case of {called}");
    }
}
