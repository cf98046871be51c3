namespace PublicWorkflow.Engine.Execution.Behaviours;

/// <summary>Opens a task for a clerk, due by the step's time limit on the working-day calendar.</summary>
internal sealed class UserTaskBehaviour : INodeBehaviour
{
    public void Enter(CaseExecution execution, Token token)
    {
        var instance = execution.Begin(token.Node, token.ScopeId);
        var step = execution.Graph.Step(token.Node.Id);
        var due = step.TimeLimit is { } limit ? execution.Calendar.Deadline(execution.Now, limit) : (DateTimeOffset?)null;
        execution.Effects.Add(new OpenTask(instance.Id, token.Node.Id, token.Node.Name, step.CandidateRole, step.Assignee, step.Level, step.Form, due));
        execution.Audit("task-opened", token.Node.Id, $"{instance.Id} for role {step.CandidateRole}");
    }
}
