using PublicWorkflow.Engine.Model;
using PublicWorkflow.Engine.Validation;

namespace PublicWorkflow.Runtime.Definitions;

/// <summary>
/// Rules an application adds to the engine's own validation of a workflow (e.g. the vocabulary its steps must use),
/// checked with them whenever a draft is saved, a version published or a file validated. Pure: no I/O.
/// </summary>
public interface IDefinitionRules
{
    IEnumerable<Problem> Problems(Definition definition);
}

/// <summary>Who may be named as a step's assignee: the application's staff directory answers which names are active accounts.</summary>
public interface IAssigneeDirectory
{
    Task<IReadOnlyCollection<string>> ActiveAmongAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);
}
