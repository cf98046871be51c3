using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Engine.Execution.Behaviours;

/// <summary>Waits for its timer or its message (e.g. the applicant's supplement).</summary>
internal sealed class IntermediateCatchEventBehaviour : INodeBehaviour
{
    public void Enter(CaseExecution execution, Token token)
    {
        var instance = execution.Begin(token.Node, token.ScopeId);
        var catchEvent = (IntermediateCatchEvent)token.Node;
        if (catchEvent.Trigger is TimerTrigger)
        {
            execution.ArmTimer(catchEvent, instance);
        }
        execution.Audit("waiting", catchEvent.Id, catchEvent.Trigger is TimerTrigger
            ? $"{instance.Id} waits for its timer"
            : $"{instance.Id} waits for message {execution.Graph.MessageName(catchEvent.Id)}");
    }
}
