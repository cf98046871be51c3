using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Persistence;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Jobs;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>
/// The dossier deadlines: scheduled as rows in the command's own transaction, raised by the runtime's sweep when due.
/// Raising re-checks the dossier (a step since done, a dossier since resolved: the row is cancelled instead), and the
/// row's state is its concurrency token, so two sweeping nodes raise each alert once.
/// </summary>
public sealed class DossierDeadlines(OneStopDbContext db, DossierClock clock, ProcedureCatalog catalog) : IDueWork
{
    public const string Supervisor = "supervisor";

    public static string TeamLead(string? agency) => $"team-lead@{agency}";

    public static string AgencyOf(string? agency) => $"agency@{agency}";

    /// <summary>The SLA warning and the apology prompt for the dossier's current appointment.</summary>
    public void ScheduleDossier(DossierRecord dossier, DateTimeOffset start, DateTimeOffset now)
    {
        if (dossier.AppointmentAt is not { } appointmentUtc)
        {
            return;
        }
        var appointment = new DateTimeOffset(appointmentUtc, TimeSpan.Zero);
        Add(dossier, DeadlineKind.SlaWarning, null, clock.Warning(start, appointment, RulesOf(dossier.ProcedureCode).WarningShare), TeamLead(dossier.AgencyCode));
        if (clock.ApologyPrompt(appointment, now) is { } prompt)
        {
            Add(dossier, DeadlineKind.ApologyPrompt, null, prompt, AgencyOf(dossier.AgencyCode));
        }
    }

    public void ScheduleStep(DossierRecord dossier, TaskRecord task) =>
        Add(dossier, DeadlineKind.StepOverdue, task.Id, task.DueAt!.Value, TeamLead(task.CandidateGroup));

    /// <summary>The dossiers whose pending deadlines this unit of work has loaded (and so tracks, with any added since).</summary>
    private readonly HashSet<DossierRecord> pendingLoaded = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The case's dossier, tracked, with its pending deadlines, in one round trip: every step a case command closes
    /// cancels that step's deadline. Null for a case without a dossier.
    /// </summary>
    public async Task<DossierRecord?> DossierOfCaseAsync(Guid caseId)
    {
        if (db.Dossiers.Local.FirstOrDefault(d => d.CaseId == caseId) is { } local)
        {
            return local;
        }
        var row = await DossierQueries.For(db).DossierOfCase(db, caseId);
        if (row is null)
        {
            return null;
        }
        pendingLoaded.Add(row.Dossier);
        return row.Dossier;
    }

    /// <summary>Cancels pending deadlines: the dossier's own (SLA warning, apology prompt) when <paramref name="taskIds"/> is null, else those of the given steps.</summary>
    public Task CancelPendingAsync(DossierRecord dossier, IReadOnlyCollection<Guid>? taskIds, CancellationToken cancellationToken) =>
        CancelAsync(dossier, d => taskIds is null ? d.TaskId is null : d.TaskId is { } id && taskIds.Contains(id), cancellationToken);

    /// <summary>Every pending deadline of the dossier, its steps' too: nothing of it is watched any more (a withdrawal awaiting the stop).</summary>
    public Task CancelAllPendingAsync(DossierRecord dossier, CancellationToken cancellationToken) => CancelAsync(dossier, _ => true, cancellationToken);

    private async Task CancelAsync(DossierRecord dossier, Func<DossierDeadlineRecord, bool> which, CancellationToken cancellationToken)
    {
        // A dossier added in this unit of work has nothing stored yet; a cleared change tracker forgets what was loaded.
        var state = db.Entry(dossier).State;
        if (state != EntityState.Added && !(pendingLoaded.Contains(dossier) && state != EntityState.Detached))
        {
            await db.DossierDeadlines.Where(d => d.DossierId == dossier.Id && d.State == DeadlineState.Pending).LoadAsync(cancellationToken);
            pendingLoaded.Add(dossier);
        }
        foreach (var deadline in db.DossierDeadlines.Local.Where(d => d.DossierId == dossier.Id && d.State == DeadlineState.Pending && which(d)))
        {
            deadline.State = DeadlineState.Cancelled;
        }
    }

    /// <summary>
    /// A team lead or the supervisor has seen a raised alert. <paramref name="authorize"/> checks it is theirs before
    /// anything changes; acknowledging twice keeps the first time.
    /// </summary>
    public async Task AcknowledgeAsync(Guid alertId, DateTime now, Action<DossierDeadlineRecord> authorize, CancellationToken cancellationToken)
    {
        var alert = await db.DossierDeadlines.SingleOrDefaultAsync(d => d.Id == alertId && d.State == DeadlineState.Raised, cancellationToken)
            ?? throw RuntimeException.NotFound("alert", alertId);
        authorize(alert);
        alert.AcknowledgedAt ??= now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "alert-changed", $"alert {alertId} was changed at the same time; reload it");
        }
    }

    public async Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => await RaiseDueAsync(now, cancellationToken);

    /// <summary>Raises every pending deadline due by <paramref name="now"/>; returns how many were raised.</summary>
    public async Task<int> RaiseDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var due = await db.DossierDeadlines.AsNoTracking()
            .Where(d => d.State == DeadlineState.Pending && d.DueAt <= now.UtcDateTime)
            .OrderBy(d => d.DueAt).Take(500).Select(d => d.Id).ToListAsync(cancellationToken);
        var raised = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var deadline = await db.DossierDeadlines.SingleAsync(d => d.Id == id, cancellationToken);
            if (deadline.State != DeadlineState.Pending)
            {
                continue;
            }
            if (await StillMattersAsync(deadline, cancellationToken))
            {
                deadline.State = DeadlineState.Raised;
                deadline.RaisedAt = now.UtcDateTime;
                if (deadline.Kind == DeadlineKind.StepOverdue)
                {
                    // Still not done the procedure's number of working days later (one by default): the center's supervisor hears of it.
                    var procedureCode = await db.Dossiers.AsNoTracking().Where(d => d.Id == deadline.DossierId).Select(d => d.ProcedureCode).SingleAsync(cancellationToken);
                    db.DossierDeadlines.Add(new DossierDeadlineRecord
                    {
                        Id = Guid.NewGuid(), DossierId = deadline.DossierId, Kind = DeadlineKind.StepOverdueSupervisor, TaskId = deadline.TaskId,
                        DueAt = WorkingDaysAfter(deadline.DueAt, RulesOf(procedureCode).SupervisorAfterWorkingDays),
                        State = DeadlineState.Pending, Recipient = Supervisor,
                    });
                }
            }
            else
            {
                deadline.State = DeadlineState.Cancelled;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                raised += deadline.State == DeadlineState.Raised ? 1 : 0;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node handled it first.
            }
        }
        db.ChangeTracker.Clear();
        return raised;
    }

    private DateTime WorkingDaysAfter(DateTime dueUtc, int days)
    {
        var calendar = clock.Calendar;
        return calendar.ToInstant(calendar.AddWorkingDays(calendar.ToLocal(new DateTimeOffset(dueUtc, TimeSpan.Zero)), days)).UtcDateTime;
    }

    /// <summary>The procedure's warning and escalation settings; a procedure since removed from the catalog keeps the defaults.</summary>
    private DeadlineRules RulesOf(string procedureCode) => catalog.Find(procedureCode)?.DeadlineRules ?? DeadlineRules.Default;

    private async Task<bool> StillMattersAsync(DossierDeadlineRecord deadline, CancellationToken cancellationToken)
    {
        if (deadline.TaskId is { } taskId)
        {
            return await db.Tasks.AnyAsync(t => t.Id == taskId && (t.State == TaskState.Open || t.State == TaskState.Claimed), cancellationToken);
        }
        var dossier = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == deadline.DossierId, cancellationToken);
        var open = DossierStatuses.IsInProgress(dossier.Status) && dossier.ClockPausedAt is null;
        return deadline.Kind == DeadlineKind.ApologyPrompt ? open && dossier.ApologizedAt is null : open;
    }

    private void Add(DossierRecord dossier, DeadlineKind kind, Guid? taskId, DateTimeOffset due, string recipient) =>
        db.DossierDeadlines.Add(new DossierDeadlineRecord
        {
            Id = Guid.NewGuid(), DossierId = dossier.Id, Kind = kind, TaskId = taskId, DueAt = due.UtcDateTime, State = DeadlineState.Pending, Recipient = recipient,
        });
}
