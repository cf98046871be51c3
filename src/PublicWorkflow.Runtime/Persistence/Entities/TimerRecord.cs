namespace PublicWorkflow.Runtime.Persistence.Entities;

public enum TimerState
{
    Pending,
    Fired,
    Cancelled,
}

/// <summary>A deadline. It lives here, not only in Hangfire, so no restart can lose it.</summary>
public sealed class TimerRecord
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }

    /// <summary>The engine's id of the timer (e.g. t7), unique within the case.</summary>
    public required string TimerId { get; set; }

    public required string ElementId { get; set; }
    public DateTime DueAt { get; set; }
    public TimerState State { get; set; }
    public DateTime? FiredAt { get; set; }
}
