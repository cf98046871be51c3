using System.Collections.Immutable;

namespace PublicWorkflow.Engine.Execution;

public enum RejectionCode
{
    /// <summary>The case is not running (not started yet, or already ended).</summary>
    CaseNotRunning,

    /// <summary>The case was started already.</summary>
    AlreadyStarted,

    /// <summary>The step, timer or message the command names is not (or no longer) active.</summary>
    NotActive,

    /// <summary>The command does not fit the step it names (e.g. completing a service task as a user task).</summary>
    WrongKind,

    /// <summary>A timer fired before it was due.</summary>
    NotDue,

    /// <summary>A condition failed or no outgoing flow applied: the command would leave the case stuck.</summary>
    NoPath,
}

/// <summary>Why a command changed nothing, in plain words.</summary>
public sealed record Rejection(RejectionCode Code, string Message);

/// <summary>
/// The new state and the effects to apply, or a rejection with the state untouched. <paramref name="Transitions"/>
/// counts the nodes tokens entered (for metrics and benchmarks).
/// </summary>
public sealed record ExecutionResult(CaseState State, ImmutableArray<Effect> Effects, Rejection? Rejection, int Transitions = 0)
{
    public bool Accepted => Rejection is null;
}
