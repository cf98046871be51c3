using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>A task the command closed, found by its case and the engine's step id.</summary>
public sealed record TaskClosure(string ActivityId, TaskState State, DateTime At, string Actor);

/// <summary>A timer the command fired or cancelled, found by its case and the engine's timer id.</summary>
public sealed record TimerChange(string TimerId, TimerState State, DateTime? FiredAt);

/// <summary>
/// Everything one engine command writes, committed together by <see cref="CaseWriter"/>: the case (new, or
/// updated only if its revision is still <see cref="ExpectedRevision"/>), and the rows its effects produce.
/// </summary>
public sealed class ChangeSet(CaseRecord @case, bool caseIsNew, int expectedRevision)
{
    public CaseRecord Case { get; } = @case;
    public bool CaseIsNew { get; } = caseIsNew;
    public int ExpectedRevision { get; } = expectedRevision;
    public List<TaskRecord> NewTasks { get; } = [];
    public List<TaskClosure> ClosedTasks { get; } = [];
    public List<TimerRecord> NewTimers { get; } = [];
    public List<TimerChange> TimerChanges { get; } = [];
    public List<AuditRecord> Audit { get; } = [];
    public List<OutboxRecord> Outbox { get; } = [];
    public List<IncidentRecord> Incidents { get; } = [];
    public List<EscalationRecord> Escalations { get; } = [];
    public IdempotencyRecord? Idempotency { get; set; }
}
