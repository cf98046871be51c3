using System.Collections.Concurrent;
using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Runtime.Definitions;

/// <summary>
/// Parsed definitions by record id. Published versions never change, so a parse is done once per process,
/// not once per command.
/// </summary>
public sealed class DefinitionCache
{
    private readonly ConcurrentDictionary<long, Definition> parsed = new();

    public Definition Get(long definitionId, string bpmnXml) => parsed.GetOrAdd(definitionId, _ => BpmnParser.Parse(bpmnXml));

    public bool TryGet(long definitionId, out Definition? definition) => parsed.TryGetValue(definitionId, out definition);
}
