namespace PublicWorkflow.Runtime.Persistence.Entities;

public enum DefinitionStatus
{
    Draft,
    Published,
    Retired,
}

/// <summary>One version of a procedure workflow. Published versions are never changed.</summary>
public sealed class DefinitionRecord
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public DefinitionStatus Status { get; set; }
    public required string BpmnXml { get; set; }

    /// <summary>SHA-256 of the BPMN text, so re-publishing unchanged XML can be recognised.</summary>
    public required string ContentHash { get; set; }

    public string? ProcessName { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTime? PublishedAt { get; set; }

    /// <summary>
    /// Where the version came from when not from the designer: the workflows file it was imported from, and the version
    /// it superseded. The versions list shows it, so nobody wonders why a restart or an import added a version.
    /// </summary>
    public string? Origin { get; set; }
}
