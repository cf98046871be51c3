using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Persistence;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Measures;

public enum MeasureGrouping
{
    None,
    Agency,
    Level,
    Branch,
}

/// <summary>Dossiers received from <see cref="From"/> to <see cref="To"/> (Vietnam dates, inclusive), optionally of one agency, level, branch or procedure.</summary>
public sealed record MeasureFilter(DateOnly From, DateOnly To, string? AgencyCode = null, string? Level = null, string? BranchCode = null,
    string? ProcedureCode = null);

/// <summary>
/// The service-quality indicators of Decision 766/QĐ-TTg for one group of dossiers. Rates are fractions 0–1 and null
/// when nothing could be counted (no resolved dossier, no rating…), never a made-up zero.
/// </summary>
public sealed record ServiceQuality(
    string Group,
    int Received,
    int Accepted,
    int Resolved,
    decimal? OnTimeRate,
    decimal? OnTimeRateRevised,
    int Pending,
    decimal? PendingNotOverdueRate,
    decimal? AverageWorkingDays,
    decimal? OnlineRate,
    decimal? DigitizedRate,
    decimal? DocumentReuseRate,
    int FeeBearing,
    decimal? OnlinePaymentRate,
    int Ratings,
    decimal? SatisfactionRate);

/// <summary>
/// Computes the indicators from the dossiers: on time (against the appointment before any apology, and against the
/// apology's new date), pending and not yet overdue, average working days to resolve, filed online, digitized,
/// documents reused from national databases, fee-bearing dossiers paid online, and satisfied ratings (4 or 5 of 5).
/// </summary>
public sealed class ServiceQualityMeasures(OneStopDbContext db, ProcedureCatalog catalog, DossierClock clock, TimeProvider time)
{
    public async Task<IReadOnlyList<ServiceQuality>> ComputeAsync(MeasureFilter filter, MeasureGrouping grouping, CancellationToken cancellationToken = default)
    {
        if (filter.To < filter.From)
        {
            throw RuntimeException.Invalid("to", "the period ends before it starts");
        }
        var from = clock.Calendar.ToInstant(filter.From.ToDateTime(TimeOnly.MinValue)).UtcDateTime;
        var to = clock.Calendar.ToInstant(filter.To.AddDays(1).ToDateTime(TimeOnly.MinValue)).UtcDateTime;
        var query = db.Dossiers.AsNoTracking().Where(d => d.ReceivedAt >= from && d.ReceivedAt < to && d.Status != DossierStatus.Submitted);
        if (filter.AgencyCode is not null)
        {
            query = query.Where(d => d.AgencyCode == filter.AgencyCode);
        }
        if (filter.Level is not null)
        {
            query = query.Where(d => d.Level == filter.Level);
        }
        if (filter.BranchCode is not null)
        {
            query = query.Where(d => d.BranchCode == filter.BranchCode);
        }
        if (filter.ProcedureCode is not null)
        {
            query = query.Where(d => d.ProcedureCode == filter.ProcedureCode);
        }
        var dossiers = await query.ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return dossiers
            .GroupBy(d => grouping switch
            {
                MeasureGrouping.Agency => d.AgencyCode ?? "-",
                MeasureGrouping.Level => d.Level ?? "-",
                MeasureGrouping.Branch => d.BranchCode ?? "-",
                _ => "all",
            })
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Measure(g.Key, g.ToList(), now))
            .ToList();
    }

    private ServiceQuality Measure(string group, List<DossierRecord> all, DateTime now)
    {
        var accepted = all.Where(d => d.Code is not null).ToList();
        var resolved = accepted.Where(d => d.ResolvedAt is not null).ToList();
        var pending = accepted.Where(d => d.ResolvedAt is null && !DossierStatuses.IsClosed(d.Status)).ToList();
        var feeBearing = accepted.Where(d => catalog.Find(d.ProcedureCode)?.Fee.IsCharged ?? d.FeeAmount > 0).ToList();
        var rated = accepted.Where(d => d.Rating is not null).ToList();
        return new ServiceQuality(
            group,
            all.Count,
            accepted.Count,
            resolved.Count,
            Rate(resolved.Count(d => d.ResolvedAt <= (d.AppointmentBeforeApology ?? d.AppointmentAt)), resolved.Count),
            Rate(resolved.Count(d => d.ResolvedAt <= d.AppointmentAt), resolved.Count),
            pending.Count,
            Rate(pending.Count(d => d.ClockPausedAt is not null || now <= d.AppointmentAt), pending.Count),
            resolved.Count == 0 ? null : Math.Round((decimal)resolved.Average(d => WorkingDays(d.ReceivedAt, d.ResolvedAt!.Value)), 2),
            Rate(accepted.Count(d => d.Channel == DossierChannel.Online), accepted.Count),
            Rate(accepted.Count(d => d.Digitized), accepted.Count),
            Rate(accepted.Sum(d => d.DocumentsReused), accepted.Sum(d => d.DocumentsRequired)),
            feeBearing.Count,
            Rate(feeBearing.Count(d => d.PaymentChannel == "online"), feeBearing.Count),
            rated.Count,
            Rate(rated.Count(d => d.Rating >= 4), rated.Count));
    }

    private int WorkingDays(DateTime from, DateTime to) =>
        Math.Max(0, clock.Calendar.CountWorkingDays(new DateTimeOffset(from, TimeSpan.Zero), new DateTimeOffset(to, TimeSpan.Zero)));

    private static decimal? Rate(int count, int of) => of == 0 ? null : Math.Round((decimal)count / of, 4);
}
