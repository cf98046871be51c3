namespace PublicWorkflow.Runtime.Persistence.Entities;

/// <summary>A service handler that kept failing: visible to the supervisor, and retryable.</summary>
public sealed class IncidentRecord
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string ActivityId { get; set; }
    public required string ElementId { get; set; }
    public required string Handler { get; set; }
    public required string Error { get; set; }
    public DateTime OpenedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}
