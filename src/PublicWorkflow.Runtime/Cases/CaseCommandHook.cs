using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>What one command did to a case, handed to the hooks before anything is written.</summary>
public sealed record CaseCommandContext(ChangeSet Changes, Definition Definition, Command Command, ExecutionResult Result, string Actor, DateTime Now);

/// <summary>
/// Lets a layer above the engine (the dossier lifecycle) add its own rows to a command's unit of work: what a hook
/// adds to the DbContext commits in the command's one transaction, and a hook that throws stops the command.
/// </summary>
public interface ICaseCommandHook
{
    Task OnCommandAsync(CaseCommandContext context, CancellationToken cancellationToken);
}

/// <summary>A case started for a dossier carries the dossier's code and a case id the dossier already points to.</summary>
public sealed record CaseOrigin(Guid CaseId, string Code, DateTime? DueAt);
