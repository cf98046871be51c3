using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>What one command did to a case, handed to the hooks before anything is written.</summary>
public sealed record CaseCommandContext(ChangeSet Changes, Definition Definition, Command Command, ExecutionResult Result, string Actor, DateTime Now,
    ClosedTaskRows ClosedTasks);

/// <summary>Who gets a step and when it is due: the three fields of a task row an application may decide.</summary>
/// <param name="CandidateGroup">The group (e.g. an office) whose members see the step in their inbox.</param>
/// <param name="Level">The level the step's work is at; the audit trail records the same.</param>
public sealed record StepAssignment(string? CandidateGroup, string? Level, DateTime? DueAt);

/// <summary>
/// Lets a layer above the engine take part in a command on a case: it decides who gets each new step before the task
/// row is built (so every field has one author), and adds its own rows to the command's unit of work, which commit in
/// the command's one transaction. A hook that throws stops the command.
/// </summary>
public interface ICaseCommandHook
{
    /// <summary>Reads what the hook needs of the case, once per command; null when the case is none of its business.</summary>
    Task<ICaseCommandScope?> BeginAsync(CaseRecord @case, CancellationToken cancellationToken);
}

/// <summary>A hook's part in one command, holding what it read of the case.</summary>
public interface ICaseCommandScope
{
    /// <summary>
    /// Pure: the step's assignment, given what the engine proposes (its level and due time) and the case's variables after
    /// the command (what the step just finished decided, e.g. the office it routed the case to).
    /// </summary>
    StepAssignment Assign(Definition definition, OpenTask step, StepAssignment proposed, IReadOnlyDictionary<string, System.Text.Json.JsonElement> variables);

    /// <summary>Pure: the level an element's work is at in this case, for the audit line (the same a task row of it gets).</summary>
    string? LevelOf(Definition definition, string elementId, string? proposed);

    /// <summary>Adds the hook's rows to the unit of work, after the engine's effects became rows.</summary>
    Task OnCommandAsync(CaseCommandContext context, CancellationToken cancellationToken);
}

/// <summary>A case started for a record of the application carries its business key and a case id the record already points to.</summary>
public sealed record CaseOrigin(CaseId CaseId, string BusinessKey);
