namespace PublicWorkflow.OneStop.Persistence.Entities;

/// <summary>
/// An administrator's decision on a day the calendar data marks uncertain: still a day off, or a working day after all.
/// Rows are never changed: the latest for a date applies, and together they are its audit trail.
/// </summary>
public sealed class CalendarDecisionRecord
{
    public long Id { get; set; }
    public DateOnly Date { get; set; }
    public bool DayOff { get; set; }
    public required string DecidedBy { get; set; }
    public DateTime DecidedAt { get; set; }
    public required string Reason { get; set; }
}
