using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Cases;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>A dossier ends before its result: the applicant withdraws it, or the agency stops processing it; the case is cancelled.</summary>
public sealed class EndDossier(OneStopDbContext db, CaseRuntime cases, DossierDeadlines deadlines, DossierStore store)
{
    /// <summary>The applicant takes the dossier back: the case stops.</summary>
    public Task<DossierRecord> WithdrawAsync(DossierId dossierId, string reason, string actor, CancellationToken cancellationToken = default) =>
        EndAsync(dossierId, DossierStatus.Withdrawn, reason, actor, cancellationToken);

    /// <summary>The agency stops processing (e.g. the applicant never supplemented), with the reason.</summary>
    public Task<DossierRecord> StopAsync(DossierId dossierId, string reason, string actor, CancellationToken cancellationToken = default) =>
        EndAsync(dossierId, DossierStatus.Stopped, reason, actor, cancellationToken);

    private async Task<DossierRecord> EndAsync(DossierId dossierId, DossierStatus status, string reason, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw RuntimeException.Invalid("reason", "the reason is required / cần nêu lý do");
        }
        var dossier = await store.DossierAsync(dossierId, cancellationToken);
        if (DossierStatuses.IsClosed(dossier.Status) || DossierStatuses.IsResolved(dossier.Status) || dossier.CaseId is not { } caseId)
        {
            throw RuntimeException.Rejected("dossier-not-open", $"dossier {dossier.Code} is {dossier.Status} and can no longer be {status.ToString().ToLowerInvariant()}");
        }
        var tracked = await db.Dossiers.SingleAsync(d => d.Id == dossierId.Value, cancellationToken);
        tracked.Status = status;
        tracked.StopReason = reason.Trim();
        await deadlines.CancelPendingAsync(tracked, null, cancellationToken);
        await cases.CancelCaseAsync(new CaseId(caseId), reason.Trim(), actor, cancellationToken: cancellationToken);
        return await store.DossierAsync(dossierId, cancellationToken);
    }
}
