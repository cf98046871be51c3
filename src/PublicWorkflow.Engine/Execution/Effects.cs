using System.Text.Json;

namespace PublicWorkflow.Engine.Execution;

/// <summary>Work the runtime must carry out, in the same transaction as the new state.</summary>
public abstract record Effect;

public sealed record OpenTask(
    string ActivityId,
    string ElementId,
    string? Name,
    string? CandidateRole,
    string? Assignee,
    string? Level,
    string? Form,
    DateTimeOffset? DueAt) : Effect;

public enum CloseReason
{
    Completed,
    Cancelled,
}

/// <summary>A step (user task, service task, call activity, catch event or sub-process) is no longer active.</summary>
public sealed record CloseTask(string ActivityId, string ElementId, CloseReason Reason) : Effect;

public sealed record ScheduleTimer(string TimerId, string ElementId, DateTimeOffset DueAt) : Effect;

public sealed record CancelTimer(string TimerId, string ElementId) : Effect;

public sealed record InvokeHandler(string ActivityId, string ElementId, string Handler) : Effect;

public sealed record StartCalledCase(string ActivityId, string ElementId, string CalledElement, IReadOnlyDictionary<string, JsonElement> Variables) : Effect;

/// <summary>An escalation was thrown; <paramref name="CaughtBy"/> is the boundary event that caught it, null when it left the case.</summary>
public sealed record RaiseEscalation(string ElementId, string? Code, string? CaughtBy) : Effect;

public sealed record IncidentOpened(string ActivityId, string ElementId, string Error) : Effect;

public enum CaseOutcome
{
    Completed,
    Terminated,
    Cancelled,
}

public sealed record CaseCompleted(CaseOutcome Outcome) : Effect;

/// <summary>A line of the case's history; the runtime adds who and when.</summary>
public sealed record AuditEntry(string Kind, string? ElementId, string Detail) : Effect;
