namespace PublicWorkflow.Engine.Model;

/// <summary>
/// Our extension attributes (namespace <see cref="Bpmn.BpmnNames.Pwf"/>), kept as written so the
/// validator can point at a bad value; typed readings live in <see cref="StepSettings"/>.
/// </summary>
public sealed record PwfAttributes(
    string? Level = null,
    string? CandidateRole = null,
    string? Assignee = null,
    string? TimeLimit = null,
    string? TimeLimitUnit = null,
    string? Handler = null,
    string? Form = null,
    string? Stage = null)
{
    public static readonly PwfAttributes None = new();
}
