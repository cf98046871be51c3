using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>
/// The supervisor's override that lets an agency ask for a supplement once more, with the reason: the one-stop rule is
/// one complete request, so the dossier then counts as late in the indicators whatever its dates.
/// </summary>
public sealed class AllowFurtherSupplement(OneStopDbContext db, DossierStore store, TimeProvider time)
{
    public async Task<DossierRecord> AllowAsync(DossierId dossierId, string reason, string supervisor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            throw RuntimeException.Invalid("reason", "the override states its reason (at most 2000 characters) / cần nêu lý do cho phép yêu cầu bổ sung thêm");
        }
        var dossier = await store.DossierAsync(dossierId, cancellationToken);
        if (!DossierStatuses.IsInProgress(dossier.Status) || dossier.CaseId is null)
        {
            throw RuntimeException.Rejected("dossier-not-open", $"dossier {dossier.Code} is {dossier.Status}: no further supplement can be asked");
        }
        if (dossier.SupplementRequests < dossier.SupplementRequestsAllowed)
        {
            throw RuntimeException.Rejected("override-not-needed", $"dossier {dossier.Code} may still be asked to supplement without an override");
        }
        var now = time.GetUtcNow().UtcDateTime;
        await store.SaveAsync(dossierId, tracked =>
        {
            tracked.SupplementRequestsAllowed++;
            tracked.SupplementOverrideReason = reason.Trim();
            tracked.SupplementOverrideBy = supervisor;
            db.Audit.Add(new AuditRecord { CaseId = tracked.CaseId!.Value, At = now, Actor = supervisor, Kind = "dossier-supplement-override", Detail = reason.Trim() });
        }, cancellationToken);
        return await store.DossierAsync(dossierId, cancellationToken);
    }
}
