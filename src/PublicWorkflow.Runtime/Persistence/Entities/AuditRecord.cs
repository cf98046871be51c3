namespace PublicWorkflow.Runtime.Persistence.Entities;

/// <summary>One line of a case's history: who did what, when, at which level, handed from whom to whom.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public Guid CaseId { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Kind { get; set; }
    public string? ElementId { get; set; }
    public string? Level { get; set; }
    public string? FromParty { get; set; }
    public string? ToParty { get; set; }
    public required string Detail { get; set; }
}
