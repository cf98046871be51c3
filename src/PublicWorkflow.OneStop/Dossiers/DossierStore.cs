using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>Dossiers as stored: the reads every command and page starts from, and a change to a dossier alone, guarded by its revision.</summary>
public sealed class DossierStore(OneStopDbContext db)
{
    public async Task<DossierRecord> DossierAsync(DossierId dossierId, CancellationToken cancellationToken = default) =>
        await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dossierId.Value, cancellationToken) ?? throw RuntimeException.NotFound("dossier", dossierId);

    public async Task<DossierRecord> ByCodeAsync(string code, CancellationToken cancellationToken = default) =>
        await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Code == code, cancellationToken) ?? throw RuntimeException.NotFound("dossier", code);

    /// <summary>
    /// What the public side shows of a dossier, with its current step, in one query: it is the most frequent request
    /// (citizens refresh it), and carries no personal field at all.
    /// </summary>
    /// <remarks>Code and lookup key must both match; a wrong key is "not found" like an unknown code, so neither can be probed.</remarks>
    public async Task<PublicDossierView> PublicViewAsync(string code, string? lookupKey, CancellationToken cancellationToken = default) =>
        await DossierQueries.For(db).PublicView(db, code) is { } view && LookupKeys.Matches(view.LookupKey, lookupKey)
            ? view
            : throw RuntimeException.NotFound("dossier", code);

    public Task<List<HandoverRecord>> TrackingSheetAsync(DossierId dossierId, CancellationToken cancellationToken = default) =>
        db.Handovers.AsNoTracking().Where(h => h.DossierId == dossierId.Value).OrderBy(h => h.Id).ToListAsync(cancellationToken);

    /// <summary>A change to the dossier alone (not its case), guarded by the dossier's revision.</summary>
    public Task SaveAsync(DossierId dossierId, Action<DossierRecord> change, CancellationToken cancellationToken) =>
        SaveAsync(dossierId, tracked =>
        {
            change(tracked);
            return Task.CompletedTask;
        }, cancellationToken);

    public async Task SaveAsync(DossierId dossierId, Func<DossierRecord, Task> change, CancellationToken cancellationToken)
    {
        var tracked = await db.Dossiers.SingleAsync(d => d.Id == dossierId.Value, cancellationToken);
        await change(tracked);
        tracked.Revision++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "dossier-changed", $"dossier {tracked.Code} was changed by someone else at the same time; reload it");
        }
    }
}
