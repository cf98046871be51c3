namespace PublicWorkflow.OneStop.Persistence.Entities;

public enum DeadlineKind
{
    /// <summary>75 % of the allowed time has gone.</summary>
    SlaWarning,
    /// <summary>A step is overdue: to the agency's team lead.</summary>
    StepOverdue,
    /// <summary>Still overdue a working day later: to the center's supervisor.</summary>
    StepOverdueSupervisor,
    /// <summary>One working day before the appointment and not resolved: the agency should apologise.</summary>
    ApologyPrompt,
}

public enum DeadlineState
{
    Pending,
    Raised,
    Cancelled,
}

/// <summary>
/// A dossier deadline. Pending rows are the durable schedule (a sweep raises them when due, so a restart loses
/// none); a raised row is an alert in the team lead's or the supervisor's queue.
/// </summary>
public sealed class DossierDeadlineRecord
{
    public Guid Id { get; set; }
    public Guid DossierId { get; set; }
    public DeadlineKind Kind { get; set; }
    /// <summary>The task whose step is watched (step deadlines only).</summary>
    public Guid? TaskId { get; set; }
    public DateTime DueAt { get; set; }
    public DeadlineState State { get; set; }
    /// <summary>Who must act: "team-lead@AGENCY", "supervisor", "agency@AGENCY".</summary>
    public required string Recipient { get; set; }
    public DateTime? RaisedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
}
