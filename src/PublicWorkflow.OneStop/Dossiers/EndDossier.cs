using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>
/// A dossier ends before its result. The applicant's withdrawal is a request (status 7): the clock stops and no step
/// moves it on until the agency stops processing (status 8) with a stop notice; the agency may also stop a dossier on
/// its own grounds (e.g. the applicant never supplemented). Stopping cancels the case.
/// </summary>
public sealed class EndDossier(OneStopDbContext db, CaseRuntime cases, DossierDeadlines deadlines, DossierStore store, TimeProvider time)
{
    /// <summary>The applicant asks to take the dossier back: recorded with the reason, the clock paused, awaiting the agency's stop.</summary>
    /// <remarks>An online filing not yet reviewed was never received: it ends at once, stopped, with no agency to ask.</remarks>
    public async Task<DossierRecord> WithdrawAsync(DossierId dossierId, string reason, string actor, CancellationToken cancellationToken = default)
    {
        if ((await store.DossierAsync(dossierId, cancellationToken)).Status == DossierStatus.Submitted && !string.IsNullOrWhiteSpace(reason) && reason.Length <= 2000)
        {
            await store.SaveAsync(dossierId, tracked =>
            {
                if (tracked.Status != DossierStatus.Submitted)
                {
                    throw new RuntimeException(RuntimeErrorKind.Conflict, "dossier-changed", "the filing was reviewed meanwhile; reload it");
                }
                tracked.Status = DossierStatus.Stopped;
                tracked.WithdrawalRequestedAt = tracked.StoppedAt = time.GetUtcNow().UtcDateTime;
                tracked.WithdrawalReason = tracked.StopReason = reason.Trim();
            }, cancellationToken);
            return await store.DossierAsync(dossierId, cancellationToken);
        }
        var dossier = await OpenDossierAsync(dossierId, reason, "withdrawn", cancellationToken);
        if (dossier.Status == DossierStatus.Withdrawn)
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "withdrawal-pending", $"dossier {dossier.Code} already awaits the agency's stop after a withdrawal request");
        }
        var now = time.GetUtcNow().UtcDateTime;
        await store.SaveAsync(dossierId, async tracked =>
        {
            tracked.Status = DossierStatus.Withdrawn;
            tracked.WithdrawalRequestedAt = now;
            tracked.WithdrawalReason = reason.Trim();
            tracked.ClockPausedAt ??= now;
            await deadlines.CancelAllPendingAsync(tracked, cancellationToken);
            db.Audit.Add(new AuditRecord { CaseId = tracked.CaseId!.Value, At = now, Actor = actor, Kind = "dossier-withdrawal-requested", Detail = reason.Trim() });
        }, cancellationToken);
        return await store.DossierAsync(dossierId, cancellationToken);
    }

    /// <summary>The agency stops processing, with the reason printed on the stop notice; after a withdrawal request or on its own grounds.</summary>
    public async Task<DossierRecord> StopAsync(DossierId dossierId, string reason, string actor, CancellationToken cancellationToken = default)
    {
        var dossier = await OpenDossierAsync(dossierId, reason, "stopped", cancellationToken);
        var tracked = await db.Dossiers.SingleAsync(d => d.Id == dossierId.Value, cancellationToken);
        tracked.Status = DossierStatus.Stopped;
        tracked.StopReason = reason.Trim();
        tracked.StoppedAt = time.GetUtcNow().UtcDateTime;
        await deadlines.CancelPendingAsync(tracked, null, cancellationToken);
        await cases.CancelCaseAsync(new CaseId(dossier.CaseId!.Value), reason.Trim(), actor, cancellationToken: cancellationToken);
        return await store.DossierAsync(dossierId, cancellationToken);
    }

    private async Task<DossierRecord> OpenDossierAsync(DossierId dossierId, string reason, string verb, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw RuntimeException.Invalid("reason", "the reason is required / cần nêu lý do");
        }
        if (reason.Length > 2000)
        {
            throw RuntimeException.Invalid("reason", "at most 2000 characters");
        }
        var dossier = await store.DossierAsync(dossierId, cancellationToken);
        if (DossierStatuses.IsClosed(dossier.Status) || DossierStatuses.IsResolved(dossier.Status) || dossier.CaseId is null)
        {
            throw RuntimeException.Rejected("dossier-not-open", $"dossier {dossier.Code} is {dossier.Status} and can no longer be {verb}");
        }
        return dossier;
    }
}
