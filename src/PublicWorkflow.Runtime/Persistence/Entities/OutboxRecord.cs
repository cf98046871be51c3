namespace PublicWorkflow.Runtime.Persistence.Entities;

public enum OutboxKind
{
    ScheduleTimer,
    InvokeHandler,
    StartCalledCase,
    ReportToParent,
    CancelCalledCase,
}

/// <summary>
/// Work for Hangfire, written in the command's transaction and handed over only after it commits. The job marks
/// its row completed when done. At start-up rows not handed over are handed over again, and with a Hangfire
/// storage that forgets on restart, so are rows handed over but never completed.
/// </summary>
public sealed class OutboxRecord
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public OutboxKind Kind { get; set; }
    public required string Payload { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DispatchedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}
