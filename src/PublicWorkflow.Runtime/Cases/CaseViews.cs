using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Runtime.Definitions;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>A case as its readers need it: the row, the workflow version it runs, and the elements active now.</summary>
public sealed record CaseSnapshot(CaseRecord Case, Definition Definition, IReadOnlyList<string> ActiveElementIds);

/// <summary>What a case's diagram shows: its workflow version's BPMN, the elements active now and those done.</summary>
public sealed record CaseDiagram(string DefinitionKey, int DefinitionVersion, string BpmnXml, IReadOnlyList<string> Active, IReadOnlyList<string> Done);

/// <summary>
/// Reads of cases for the layers above (read models: they change nothing). The engine's state JSON is parsed here and
/// in the commands, nowhere else.
/// </summary>
public sealed class CaseViews(WorkflowDbContext db, DefinitionStore definitions)
{
    public async Task<CaseSnapshot> SnapshotAsync(CaseId caseId, CancellationToken cancellationToken = default)
    {
        var record = await HotQueries.For(db).Case(db, caseId.Value) ?? throw RuntimeException.NotFound("case", caseId);
        var definition = await definitions.ModelAsync(record.DefinitionId, cancellationToken);
        return new CaseSnapshot(record, definition, ActiveElements(record));
    }

    public async Task<CaseDiagram> DiagramAsync(CaseId caseId, CancellationToken cancellationToken = default)
    {
        var record = await HotQueries.For(db).Case(db, caseId.Value) ?? throw RuntimeException.NotFound("case", caseId);
        var xml = await db.Definitions.AsNoTracking().Where(d => d.Id == record.DefinitionId).Select(d => d.BpmnXml).SingleAsync(cancellationToken);
        var done = await db.Tasks.AsNoTracking().Where(t => t.CaseId == record.Id && t.State == TaskState.Completed).Select(t => t.ElementId).Distinct()
            .ToListAsync(cancellationToken);
        return new CaseDiagram(record.DefinitionKey, record.DefinitionVersion, xml, ActiveElements(record), done);
    }

    /// <summary>The case's audit trail, oldest first.</summary>
    public Task<List<AuditRecord>> AuditAsync(CaseId caseId, CancellationToken cancellationToken = default) =>
        db.Audit.AsNoTracking().Where(a => a.CaseId == caseId.Value).OrderBy(a => a.Id).ToListAsync(cancellationToken);

    /// <summary>The business keys (e.g. dossier codes) of the given cases, for lists that show them beside tasks or incidents.</summary>
    public async Task<Dictionary<Guid, string?>> BusinessKeysAsync(IReadOnlyCollection<Guid> caseIds, CancellationToken cancellationToken = default) =>
        caseIds.Count == 0 ? [] : await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.BusinessKey, cancellationToken);

    /// <summary>Incidents not yet retried, oldest first, at most <paramref name="take"/>.</summary>
    public Task<List<IncidentRecord>> OpenIncidentsAsync(int take, CancellationToken cancellationToken = default) =>
        db.Incidents.AsNoTracking().Where(i => i.ResolvedAt == null).OrderBy(i => i.OpenedAt).Take(take).ToListAsync(cancellationToken);

    private static IReadOnlyList<string> ActiveElements(CaseRecord record) =>
        record.StateJson.Length == 0 ? [] : CaseState.FromJson(record.StateJson).Activities.Select(a => a.ElementId).Distinct().ToList();
}
