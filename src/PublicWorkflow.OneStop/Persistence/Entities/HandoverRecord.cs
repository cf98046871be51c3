namespace PublicWorkflow.OneStop.Persistence.Entities;

public enum HandoverTiming
{
    Early,
    OnTime,
    Late,
}

/// <summary>
/// One line of the tracking sheet (phiếu kiểm soát quá trình giải quyết hồ sơ): a step handed on, by whom to whom,
/// when, and whether that was early, on time or late against the step's share of the time limit.
/// </summary>
public sealed class HandoverRecord
{
    public long Id { get; set; }
    public Guid DossierId { get; set; }
    public DateTime At { get; set; }
    public required string Step { get; set; }
    public required string StepName { get; set; }
    public required string FromParty { get; set; }
    public required string FromActor { get; set; }
    public required string ToParty { get; set; }
    public DateTime? StepDueAt { get; set; }
    public HandoverTiming Timing { get; set; }
}
