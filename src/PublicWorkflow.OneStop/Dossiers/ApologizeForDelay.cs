using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Messages;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>The agency's apology for a dossier that will be late: a reason and a new appointment, at most once.</summary>
public sealed class ApologizeForDelay(OneStopDbContext db, DossierDeadlines deadlines, DossierStore store, ApplicantMessages messages, TimeProvider time)
{
    /// <summary>
    /// How far an apology may move the appointment. The law sets no ceiling; this is a sanity bound so a typo (year 9990)
    /// is refused instead of being shown to the citizen as their date.
    /// </summary>
    public static readonly TimeSpan MaxApologyPostponement = TimeSpan.FromDays(366);

    /// <summary>
    /// The agency's apology for a dossier that will be late: a reason and a new appointment, at most once per dossier.
    /// The dossier is then measured against both the appointment before and the new one.
    /// </summary>
    public async Task<DossierRecord> ApologizeAsync(DossierId dossierId, string reason, DateTimeOffset newAppointment, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw RuntimeException.Invalid("reason", "an apology states the reason for the delay / thư xin lỗi phải nêu lý do");
        }
        var dossier = await store.DossierAsync(dossierId, cancellationToken);
        if (dossier.ApologizedAt is not null)
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "already-apologized", $"dossier {dossier.Code} already has an apology with a new appointment");
        }
        if (!DossierStatuses.IsInProgress(dossier.Status) || dossier.CaseId is null)
        {
            throw RuntimeException.Rejected("dossier-not-open", $"dossier {dossier.Code} is {dossier.Status}: there is nothing to apologise for any more");
        }
        if (newAppointment.UtcDateTime <= dossier.AppointmentAt)
        {
            throw RuntimeException.Invalid("newAppointment", "the new appointment must be later than the current one / hẹn mới phải sau hẹn hiện tại");
        }
        var now = time.GetUtcNow();
        if (dossier.AppointmentAt is { } appointment && now.UtcDateTime >= appointment)
        {
            // The apology comes before the appointment passes (the prompt fires a working day before); after it the
            // dossier is late, and stays measured late against the appointment it missed.
            throw RuntimeException.Rejected("appointment-passed",
                $"dossier {dossier.Code} is already late: an apology with a new date comes before the appointment passes / đã quá hạn hẹn trả, không thể xin lỗi hẹn lại");
        }
        if (newAppointment > now + MaxApologyPostponement)
        {
            throw RuntimeException.Invalid("newAppointment",
                $"the new appointment is more than {MaxApologyPostponement.TotalDays:0} days away: an apology moves a date, it does not shelve the dossier / hẹn mới quá xa");
        }
        await store.SaveAsync(dossierId, async tracked =>
        {
            tracked.AppointmentBeforeApology = tracked.AppointmentAt;
            tracked.AppointmentAt = newAppointment.UtcDateTime;
            tracked.ApologizedAt = now.UtcDateTime;
            tracked.ApologyReason = reason.Trim();
            await deadlines.CancelPendingAsync(tracked, null, cancellationToken);
            deadlines.ScheduleDossier(tracked, now, now);
            db.Audit.Add(new AuditRecord { CaseId = tracked.CaseId!.Value, At = now.UtcDateTime, Actor = actor, Kind = "dossier-apology", Detail = $"new appointment {newAppointment:O}: {reason}" });
            messages.Apologized(tracked);
        }, cancellationToken);
        return await store.DossierAsync(dossierId, cancellationToken);
    }
}
