using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.Runtime.Definitions;

namespace PublicWorkflow.OneStop.Catalog;

/// <summary>
/// A reform officer's view of a change: two versions of a procedure's workflow side by side (steps, hand-offs, days),
/// how each did in practice, and the documents the procedures running it ask for.
/// </summary>
public sealed class VersionComparisons(OneStopDbContext db, DefinitionStore store, ProcedureCatalog catalog, WorkingCalendar calendar)
{
    public async Task<VersionComparison> CompareAsync(string key, int from, int to, CancellationToken cancellationToken = default)
    {
        var before = await store.VersionAsync(key, from, cancellationToken);
        var after = await store.VersionAsync(key, to, cancellationToken);
        // Stored text is BPMN (a draft that is not is refused when saved); a draft may still have problems, which a comparison shows as they are.
        return DefinitionComparison.Compare(BpmnParser.Parse(before.BpmnXml), BpmnParser.Parse(after.BpmnXml)) with
        {
            History = await HistoryAsync(before.Id, cancellationToken),
            HistoryAfter = await HistoryAsync(after.Id, cancellationToken),
            RequiredDocuments = catalog.Procedures.Where(p => p.Workflow == key).Sum(p => p.Documents.Count(d => d.Required)),
        };
    }

    /// <summary>The dossiers resolved on one version and their average working days from receipt to resolution.</summary>
    private async Task<VersionHistory> HistoryAsync(long definitionId, CancellationToken cancellationToken)
    {
        var resolved = await db.Dossiers.AsNoTracking()
            .Join(db.Cases.AsNoTracking().Where(c => c.DefinitionId == definitionId), d => d.CaseId, c => c.Id, (d, _) => d)
            .Where(d => d.ResolvedAt != null)
            .Select(d => new { d.ReceivedAt, ResolvedAt = d.ResolvedAt!.Value })
            .ToListAsync(cancellationToken);
        return new VersionHistory(resolved.Count, resolved.Count == 0 ? null
            : Math.Round((decimal)resolved.Average(r => calendar.CountWorkingDays(new DateTimeOffset(r.ReceivedAt, TimeSpan.Zero), new DateTimeOffset(r.ResolvedAt, TimeSpan.Zero))), 2));
    }
}
