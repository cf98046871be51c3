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
        // Registered dossiers by default; asked for by status, the point's inbox of online filings and the unregistered ones too.
        var query = filter.Status is DossierStatus.Submitted or DossierStatus.Guided or DossierStatus.NotAccepted
            ? db.Dossiers.AsNoTracking()
            : db.Dossiers.AsNoTracking().Where(d => d.Code != null);
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

    /// <summary>The most rows one register may hold: a longer one is split by period rather than built whole in memory.</summary>
    public const int MaxRegisterRows = 5000;

    /// <summary>
    /// The register of an agency or service point: every dossier it received or resolves in the period (refusals at
    /// reception included; guided, unregistered ones not), in order of receipt.
    /// </summary>
    public async Task<List<DossierRecord>> RegisterAsync(string unit, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        if (to < from || to.DayNumber - from.DayNumber > 366)
        {
            throw Runtime.RuntimeException.Invalid("to", "a period of at most a year, ending after it starts / kỳ tối đa một năm");
        }
        var start = calendar.ToInstant(from.ToDateTime(TimeOnly.MinValue)).UtcDateTime;
        var end = calendar.ToInstant(to.AddDays(1).ToDateTime(TimeOnly.MinValue)).UtcDateTime;
        var rows = await db.Dossiers.AsNoTracking()
            .Where(d => (d.AgencyCode == unit || d.BranchCode == unit) && d.ReceivedAt >= start && d.ReceivedAt < end
                && d.Status != DossierStatus.Guided && d.Status != DossierStatus.Submitted)
            .OrderBy(d => d.ReceivedAt).ThenBy(d => d.Code).Take(MaxRegisterRows + 1).ToListAsync(cancellationToken);
        return rows.Count > MaxRegisterRows
            ? throw Runtime.RuntimeException.Invalid("from", $"more than {MaxRegisterRows} dossiers: print a shorter period / quá nhiều hồ sơ, chọn kỳ ngắn hơn")
            : rows;
    }
}
