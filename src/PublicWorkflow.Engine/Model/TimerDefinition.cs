namespace PublicWorkflow.Engine.Model;

public enum TimerKind
{
    Duration,
    Date,
    Cycle,
}

/// <summary>
/// A BPMN timer as written (timeDuration, timeDate or timeCycle). With
/// <see cref="WorkingDays"/> (our <c>pwf:calendar="workingDays"</c>) the days of a duration
/// are counted on the working-day calendar.
/// </summary>
public sealed record TimerDefinition(TimerKind Kind, string Expression, bool WorkingDays, string? ExpressionId);
