namespace PublicWorkflow.Runtime.Persistence.Entities;

/// <summary>An escalation no step of the case caught: it waits in the supervisor's queue.</summary>
public sealed class EscalationRecord
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string ElementId { get; set; }
    public string? Code { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateTime? HandledAt { get; set; }
}
