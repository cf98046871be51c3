using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Staff;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>Which dossiers a list shows; every filter is optional.</summary>
/// <param name="DueBefore">Appointment before the start of that day (Vietnam time).</param>
/// <param name="Overdue">Still running and past the appointment.</param>
/// <param name="AtRisk">Still running, not late, due by the end of the next working day.</param>
public sealed record DossierFilter(DossierStatus? Status = null, string? Procedure = null, string? Agency = null, string? Level = null, string? Branch = null,
    DateOnly? DueBefore = null, bool Overdue = false, bool AtRisk = false);

/// <summary>One page of a list, with the count of all that match.</summary>
public sealed record DossierPage(List<DossierRecord> Items, int Total);

/// <summary>The dossier lists of staff (a read model): received dossiers in the caller's scope, soonest appointment first.</summary>
public sealed class DossierList(OneStopDbContext db, WorkingCalendar calendar, TimeProvider clock)
{
    public async Task<DossierPage> PageAsync(StaffScope scope, DossierFilter filter, int page, int size, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Dossiers.AsNoTracking().Where(d => d.Code != null);
        if (!scope.SeesAll)
        {
            query = query.Where(d => (scope.AgencyCode != null && d.AgencyCode == scope.AgencyCode) || (scope.BranchCode != null && d.BranchCode == scope.BranchCode));
        }
        query = filter.Status is { } s ? query.Where(d => d.Status == s) : query;
        query = filter.Procedure is { } procedure ? query.Where(d => d.ProcedureCode == procedure) : query;
        query = filter.Agency is { } agency ? query.Where(d => d.AgencyCode == agency) : query;
        query = filter.Level is { } level ? query.Where(d => d.Level == level) : query;
        query = filter.Branch is { } branch ? query.Where(d => d.BranchCode == branch) : query;
        if (filter.DueBefore is { } before)
        {
            var limit = calendar.ToInstant(before.ToDateTime(TimeOnly.MinValue)).UtcDateTime;
            query = query.Where(d => d.AppointmentAt < limit);
        }
        if (filter.Overdue || filter.AtRisk)
        {
            // Only dossiers whose clock runs can be late or at risk.
            query = query.Where(d => d.ResolvedAt == null && d.ClockPausedAt == null
                && d.Status != DossierStatus.Withdrawn && d.Status != DossierStatus.Stopped && d.Status != DossierStatus.NotAccepted);
        }
        if (filter.Overdue)
        {
            query = query.Where(d => d.AppointmentAt < now);
        }
        if (filter.AtRisk)
        {
            var horizon = calendar.ToInstant(calendar.NextWorkingDay(DateOnly.FromDateTime(calendar.ToLocal(clock.GetUtcNow()))).ToDateTime(calendar.OfficeCloses)).UtcDateTime;
            query = query.Where(d => d.AppointmentAt >= now && d.AppointmentAt <= horizon);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(d => d.AppointmentAt).ThenBy(d => d.Code).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new DossierPage(items, total);
    }
}
