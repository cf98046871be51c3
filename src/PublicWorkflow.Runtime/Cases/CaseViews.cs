using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Runtime.Definitions;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>A case as its readers need it: the row, the workflow version it runs, and the elements active now.</summary>
public sealed record CaseSnapshot(CaseRecord Case, Definition Definition, IReadOnlyList<string> ActiveElementIds);

/// <summary>Reads cases for the layers above; the engine's state JSON is parsed here and in the commands, nowhere else.</summary>
public sealed class CaseViews(WorkflowDbContext db, DefinitionStore definitions)
{
    public async Task<CaseSnapshot> SnapshotAsync(Guid caseId, CancellationToken cancellationToken = default)
    {
        var record = await HotQueries.For(db).Case(db, caseId) ?? throw RuntimeException.NotFound("case", caseId);
        var definition = await definitions.ModelAsync(record.DefinitionId, cancellationToken);
        IReadOnlyList<string> active = record.StateJson.Length == 0 ? [] : CaseState.FromJson(record.StateJson).Activities.Select(a => a.ElementId).Distinct().ToList();
        return new CaseSnapshot(record, definition, active);
    }
}
