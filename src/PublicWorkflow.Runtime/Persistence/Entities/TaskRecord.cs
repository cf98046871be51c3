namespace PublicWorkflow.Runtime.Persistence.Entities;

public enum TaskState
{
    Open,
    Claimed,
    Completed,
    Cancelled,
}

/// <summary>A user task in a clerk's inbox.</summary>
public sealed class TaskRecord
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }

    /// <summary>The engine's id of the step (e.g. a12), unique within the case.</summary>
    public required string ActivityId { get; set; }

    public required string ElementId { get; set; }
    public string? Name { get; set; }
    public string? CandidateRole { get; set; }

    /// <summary>The level the step's work is at (the engine's pwf:level unless the application decides).</summary>
    public string? Level { get; set; }

    /// <summary>The group whose members see the step (e.g. an office), decided by the application when the step opens.</summary>
    public string? CandidateGroup { get; set; }

    public string? Assignee { get; set; }
    public string? Form { get; set; }
    public DateTime? DueAt { get; set; }
    public TaskState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClaimedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public int Revision { get; set; }
}
