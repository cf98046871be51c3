namespace PublicWorkflow.Engine.Model;

public sealed record SequenceFlow
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public required string SourceRef { get; init; }
    public required string TargetRef { get; init; }
    public string? ParentId { get; init; }
    public string? Condition { get; init; }
    public string? ConditionId { get; init; }
    public SourceLine Line { get; init; }
    public Preserved Preserved { get; init; } = Preserved.None;
}

public sealed record MessageDefinition(string Id, string? Name);

public sealed record EscalationDefinition(string Id, string? Name, string? Code);

public enum RawElementKind
{
    /// <summary>Non-executable content BPMN allows (annotations, lanes, data objects): kept, never run.</summary>
    Artifact,

    /// <summary>An element the engine cannot run: a validation error, kept so export loses nothing.</summary>
    Unsupported,

    /// <summary>An element whose id another element already has: a validation error, kept so export loses nothing.</summary>
    DuplicateId,
}

/// <summary>An element kept verbatim as normalised XML, with where it stood.</summary>
public sealed record RawElement(RawElementKind Kind, string LocalName, string? Id, string? ParentId, SourceLine Line, string Xml);

public sealed record NamespaceDeclaration(string Prefix, string Uri);

/// <summary>
/// One parsed BPMN 2.0 file: its single executable process, plus everything needed to write it back
/// (namespace prefixes, root attributes, diagrams, preserved elements). Immutable and compared by value.
/// </summary>
public sealed record Definition
{
    public required string DefinitionsId { get; init; }
    public string? TargetNamespace { get; init; }
    public required string ProcessId { get; init; }
    public string? ProcessName { get; init; }
    public bool IsExecutable { get; init; } = true;
    public SourceLine ProcessLine { get; init; }
    public ValueList<FlowNode> Nodes { get; init; }
    public ValueList<SequenceFlow> Flows { get; init; }
    public ValueList<MessageDefinition> Messages { get; init; }
    public ValueList<EscalationDefinition> Escalations { get; init; }
    public ValueList<RawElement> RawElements { get; init; }
    public ValueList<NamespaceDeclaration> Namespaces { get; init; }
    public Preserved RootPreserved { get; init; } = Preserved.None;
    public Preserved ProcessPreserved { get; init; } = Preserved.None;

    /// <summary>Top-level elements other than the process (collaboration, other processes' pools, diagrams).</summary>
    public ValueList<string> RootElements { get; init; }

    /// <summary>A flow node by id, wherever it sits (nodes of sub-processes are listed too).</summary>
    public FlowNode? Node(string? id) => id is null ? null : Nodes.FirstOrDefault(n => n.Id == id);
}
