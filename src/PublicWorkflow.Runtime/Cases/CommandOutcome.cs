using PublicWorkflow.Engine.Execution;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>The answer to a command; what a repeat with the same idempotency key gets back.</summary>
/// <param name="CaseId">The case the command acted on.</param>
/// <param name="Status">The case's status afterwards.</param>
/// <param name="Revision">The case's revision afterwards (its concurrency token).</param>
/// <param name="OpenedTasks">User tasks the command opened.</param>
public sealed record CommandOutcome(CaseId CaseId, CaseStatus Status, int Revision, IReadOnlyList<TaskId> OpenedTasks);
