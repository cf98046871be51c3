using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Engine.Execution.Behaviours;

/// <summary>What happens when a token enters a node of one BPMN element type.</summary>
internal interface INodeBehaviour
{
    void Enter(CaseExecution execution, Token token);
}

/// <summary>One behaviour per supported element type; an architecture test checks none is missing.</summary>
internal static class BehaviourRegistry
{
    private static readonly Dictionary<Type, INodeBehaviour> Behaviours = new()
    {
        [typeof(StartEvent)] = new StartEventBehaviour(),
        [typeof(EndEvent)] = new EndEventBehaviour(),
        [typeof(UserTask)] = new UserTaskBehaviour(),
        [typeof(ServiceTask)] = new ServiceTaskBehaviour(),
        [typeof(SubProcess)] = new SubProcessBehaviour(),
        [typeof(CallActivity)] = new CallActivityBehaviour(),
        [typeof(ExclusiveGateway)] = new ExclusiveGatewayBehaviour(),
        [typeof(ParallelGateway)] = new ParallelGatewayBehaviour(),
        [typeof(InclusiveGateway)] = new InclusiveGatewayBehaviour(),
        [typeof(IntermediateCatchEvent)] = new IntermediateCatchEventBehaviour(),
        [typeof(BoundaryEvent)] = new BoundaryEventBehaviour(),
    };

    public static IReadOnlyCollection<Type> SupportedTypes => Behaviours.Keys;

    public static INodeBehaviour For(FlowNode node) => Behaviours[node.GetType()];
}
