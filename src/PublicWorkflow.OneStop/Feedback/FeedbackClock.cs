using PublicWorkflow.Engine.Model;
using PublicWorkflow.OneStop.Dossiers;

namespace PublicWorkflow.OneStop.Feedback;

/// <summary>The hub's deadlines on the working-day calendar: N working days from the day after the stage began.</summary>
public sealed class FeedbackClock(DossierClock clock, FeedbackOptions options)
{
    public DateTime Due(DateTime startUtc, int workingDays) =>
        clock.Calendar.Deadline(new DateTimeOffset(startUtc, TimeSpan.Zero), new TimeLimit(workingDays, TimeLimitUnit.WorkingDays)).UtcDateTime;

    public DateTime Warning(DateTime startUtc, DateTime dueUtc) =>
        clock.Warning(new DateTimeOffset(startUtc, TimeSpan.Zero), new DateTimeOffset(dueUtc, TimeSpan.Zero), options.WarningShare).UtcDateTime;

    public DateTime HandleDue(DateTime receivedUtc) => Due(receivedUtc, options.HandleWorkingDays);

    public DateTime RefuseDue(DateTime receivedUtc) => Due(receivedUtc, options.RefuseWorkingDays);

    public DateTime MoreInfoDue(DateTime receivedUtc) => Due(receivedUtc, options.MoreInfoWorkingDays);

    public DateTime PublishDue(DateTime approvedUtc) => Due(approvedUtc, options.PublishWorkingDays);

    /// <summary>The first instant of a local date, in UTC.</summary>
    public DateTime Start(DateOnly date) => clock.Calendar.ToInstant(date.ToDateTime(TimeOnly.MinValue)).UtcDateTime;

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(clock.Calendar.ToLocal(new DateTimeOffset(utc, TimeSpan.Zero)));
}
