using PublicWorkflow.Engine.Execution;

namespace PublicWorkflow.Runtime.Persistence.Entities;

/// <summary>A case: one running instance of one definition version, with the engine's state.</summary>
public sealed class CaseRecord
{
    public Guid Id { get; set; }

    /// <summary>The application's name for the case (unique when given), e.g. the code people quote.</summary>
    public string? BusinessKey { get; set; }

    public long DefinitionId { get; set; }
    public required string DefinitionKey { get; set; }
    public int DefinitionVersion { get; set; }
    public CaseStatus Status { get; set; }
    public required string StateJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    /// <summary>Set when a call activity of another case started this one; it reports back there.</summary>
    public Guid? ParentCaseId { get; set; }

    public string? ParentActivityId { get; set; }

    /// <summary>Optimistic concurrency: raised by every command, so of two concurrent commands one fails.</summary>
    public int Revision { get; set; }
}
