namespace PublicWorkflow.Engine.Bpmn;

/// <summary>The input is not XML, is hostile XML (DTD, entities), or is not a BPMN 2.0 definitions document.</summary>
public sealed class BpmnFormatException(string message, int line, Exception? inner = null)
    : Exception(message, inner)
{
    public int Line { get; } = line;
}
