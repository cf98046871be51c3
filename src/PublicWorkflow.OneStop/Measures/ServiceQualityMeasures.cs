using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime;

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
/// when nothing could be counted (no finished dossier, no rating…), never a made-up zero. Each figure is either the
/// national formula or the center's own measure, as <see cref="IndicatorDefinitions"/> labels it.
/// </summary>
public sealed record ServiceQuality(
    string Group,
    int Received,
    int Accepted,
    int Resolved,
    int Finished,
    decimal? OnTimeRate,
    decimal? OnTimeRateRevised,
    int Pending,
    decimal? PendingNotOverdueRate,
    decimal? AverageWorkingDays,
    decimal? OnlineRate,
    decimal? DigitizedRate,
    decimal? ElectronicResultRate,
    decimal? DigitizedInputsRate,
    decimal? DocumentReuseRate,
    int FeeBearing,
    decimal? OnlinePaymentRate,
    int Ratings,
    decimal? SatisfactionRate,
    decimal? RatingsSatisfiedRate);

/// <summary>Whether a figure follows the national formula, and what it counts (vi/en), shown beside it.</summary>
public sealed record IndicatorDefinition(string Name, bool National, LocalizedText Meaning);

public static class IndicatorDefinitions
{
    public static readonly IReadOnlyList<IndicatorDefinition> All =
    [
        new("onTimeRate", true, new("Hồ sơ kết thúc đúng hạn / hồ sơ đã kết thúc (giải quyết, từ chối, dừng, rút sau tiếp nhận); yêu cầu bổ sung quá 01 lần tính là trễ hạn",
            "Dossiers finished on time / dossiers finished (resolved, refused, stopped, withdrawn after reception); more than one supplement request counts as late")),
        new("onTimeRateRevised", false, new("Của Trung tâm: đúng hạn so với ngày hẹn mới sau thư xin lỗi", "The center's own: on time against the new date after an apology")),
        new("pendingNotOverdueRate", false, new("Của Trung tâm: hồ sơ đang giải quyết chưa quá hạn", "The center's own: pending dossiers not yet overdue")),
        new("averageWorkingDays", false, new("Của Trung tâm: số ngày làm việc trung bình để giải quyết", "The center's own: average working days to resolve")),
        new("onlineRate", true, new("Hồ sơ nộp trực tuyến / hồ sơ tiếp nhận", "Dossiers filed online / dossiers accepted")),
        new("digitizedRate", true, new("Hồ sơ được chấp thuận có đủ thành phần đã số hóa (hoặc lấy từ CSDL) và có kết quả điện tử / hồ sơ được chấp thuận đã giải quyết",
            "Granted dossiers with every component digitized (or taken from a database) and an electronic result / granted dossiers resolved")),
        new("electronicResultRate", true, new("Hồ sơ được chấp thuận có kết quả điện tử đã ký số / hồ sơ được chấp thuận đã giải quyết",
            "Granted dossiers with a signed electronic result / granted dossiers resolved")),
        new("digitizedInputsRate", false, new("Của Trung tâm: hồ sơ có đủ thành phần đã số hóa / hồ sơ tiếp nhận", "The center's own: dossiers with every component digitized / dossiers accepted")),
        new("documentReuseRate", true, new("Hồ sơ có ít nhất một thành phần được tái sử dụng từ CSDL / hồ sơ tiếp nhận",
            "Dossiers with at least one component reused from a database / dossiers accepted")),
        new("onlinePaymentRate", true, new("Hồ sơ có phí thanh toán trực tuyến / hồ sơ có phí", "Fee-bearing dossiers paid online / fee-bearing dossiers")),
        new("satisfactionRate", true, new("100% − (% trễ hạn + % có phản ánh, kiến nghị hoặc không hài lòng): phản ánh gắn với hồ sơ, đánh giá 1–2 sao hoặc khảo sát trung bình ≤ 2",
            "100% − (% late + % with feedback or dislike): feedback naming the dossier, a rating of 1–2, or a survey averaging 2 or less")),
        new("ratingsSatisfiedRate", false, new("Của Trung tâm: đánh giá 4–5 sao / số đánh giá", "The center's own: ratings of 4 or 5 / ratings")),
    ];
}

/// <summary>
/// Answers the indicators from the kept sums (<see cref="IndicatorSums"/>): whole months and the days at either end of
/// the period, per agency, level or branch, plus the dossiers changed since the last fold (what each counts now minus
/// what it counted then). A filter the sums are not kept for (a procedure, or another dimension than the grouping's)
/// adds up the dossiers' kept tallies instead. Before the first fold, or when the catalog's fees or the calendar have
/// changed since, it counts the dossiers themselves.
/// </summary>
public sealed class ServiceQualityMeasures(OneStopDbContext db, ProcedureCatalog catalog, DossierClock clock, TimeProvider time)
{
    /// <summary>A fold that commits while a question reads makes it read again; after this many it counts the dossiers.</summary>
    private const int Attempts = 3;

    private readonly DossierCounting counting = new(db, catalog, clock.Calendar);

    public async Task<IReadOnlyList<ServiceQuality>> ComputeAsync(MeasureFilter filter, MeasureGrouping grouping, CancellationToken cancellationToken = default)
    {
        var dimension = Checked(filter, grouping);
        var now = time.GetUtcNow().UtcDateTime;
        var fingerprint = counting.Fingerprint();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var state = await db.IndicatorState.AsNoTracking().SingleOrDefaultAsync(s => s.Id == IndicatorSums.StateId, cancellationToken);
            if (state is null || state.Fingerprint != fingerprint)
            {
                break;
            }
            var groups = Kept(filter, dimension) is { } kept ? await SummedAsync(kept, dimension, cancellationToken) : await TalliedAsync(filter, dimension, cancellationToken);
            await AddChangesAsync(groups, state.FoldedAt, filter, dimension, now, cancellationToken);
            var revision = await db.IndicatorState.Where(s => s.Id == IndicatorSums.StateId).Select(s => (int?)s.Revision).SingleOrDefaultAsync(cancellationToken);
            if (revision == state.Revision)
            {
                return Measured(groups);
            }
        }
        return Measured(await CountedAsync(filter, dimension, now, cancellationToken));
    }

    /// <summary>The indicators counted from the dossiers themselves, never from kept sums: what the sums must always equal.</summary>
    internal async Task<IReadOnlyList<ServiceQuality>> CountAsync(MeasureFilter filter, MeasureGrouping grouping, CancellationToken cancellationToken = default) =>
        Measured(await CountedAsync(filter, Checked(filter, grouping), time.GetUtcNow().UtcDateTime, cancellationToken));

    private static IndicatorDimension Checked(MeasureFilter filter, MeasureGrouping grouping)
    {
        if (filter.To < filter.From)
        {
            throw RuntimeException.Invalid("to", "the period ends before it starts");
        }
        return grouping switch
        {
            MeasureGrouping.Agency => IndicatorDimension.Agency,
            MeasureGrouping.Level => IndicatorDimension.Level,
            MeasureGrouping.Branch => IndicatorDimension.Branch,
            _ => IndicatorDimension.All,
        };
    }

    /// <summary>One row per group, in code order; a group whose dossiers all moved elsewhere keeps its rows at zero and has nothing to show.</summary>
    private static List<ServiceQuality> Measured(Dictionary<string, Tally> groups) =>
        groups.Where(g => g.Value[Counted.Received] > 0).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Measure(g.Key, g.Value)).ToList();

    /// <summary>A group with no dossier: every count zero, every rate unknown.</summary>
    public static ServiceQuality Nothing(string group) => new(group, 0, 0, 0, 0, null, null, 0, null, null, null, null, null, null, null, 0, null, 0, null, null);

    /// <summary>
    /// The kept rows that answer the question, or null when none are kept for its filter: no filter, or one on the
    /// dimension it groups by (then the group is that one value), and no procedure.
    /// </summary>
    private IQueryable<IndicatorSumRecord>? Kept(MeasureFilter filter, IndicatorDimension grouped)
    {
        var filters = new[] { (IndicatorDimension.Agency, filter.AgencyCode), (IndicatorDimension.Level, filter.Level), (IndicatorDimension.Branch, filter.BranchCode) }
            .Where(f => f.Item2 is not null).ToList();
        if (filter.ProcedureCode is not null || filters.Count > 1 || (filters.Count == 1 && grouped != IndicatorDimension.All && grouped != filters[0].Item1))
        {
            return null;
        }
        var dimension = filters.Count == 1 ? filters[0].Item1 : grouped;
        // Whole months from the month rows, the days before and after them from the day rows.
        var months = filter.From.Day == 1 ? filter.From : IndicatorSums.MonthOf(filter.From).AddMonths(1);
        var monthsEnd = IndicatorSums.MonthOf(filter.To.AddDays(1));
        if (months >= monthsEnd)
        {
            months = monthsEnd = filter.To.AddDays(1);
        }
        var rows = db.IndicatorSums.AsNoTracking().Where(s => s.Dimension == dimension
            && ((s.Span == IndicatorSpan.Month && s.Start >= months && s.Start < monthsEnd)
                || (s.Span == IndicatorSpan.Day && ((s.Start >= filter.From && s.Start < months) || (s.Start >= monthsEnd && s.Start <= filter.To)))));
        if (filters.Count == 1)
        {
            var value = filters[0].Item2!;
            rows = rows.Where(s => s.Value == value);
        }
        return rows;
    }

    /// <summary>The kept rows added up per value; when the question is not grouped, all under one label (the rows may be one agency's).</summary>
    private static async Task<Dictionary<string, Tally>> SummedAsync(IQueryable<IndicatorSumRecord> rows, IndicatorDimension grouped, CancellationToken cancellationToken)
    {
        var sums = await rows.GroupBy(s => s.Value).Select(g => new IndicatorSumRecord
        {
            Value = g.Key, Received = g.Sum(s => s.Received), Accepted = g.Sum(s => s.Accepted), Resolved = g.Sum(s => s.Resolved), Finished = g.Sum(s => s.Finished),
            OnTime = g.Sum(s => s.OnTime), ResolvedByAppointment = g.Sum(s => s.ResolvedByAppointment), PendingNotOverdue = g.Sum(s => s.PendingNotOverdue),
            Online = g.Sum(s => s.Online), Granted = g.Sum(s => s.Granted), GrantedDigitizedWithResult = g.Sum(s => s.GrantedDigitizedWithResult),
            GrantedWithResult = g.Sum(s => s.GrantedWithResult), Digitized = g.Sum(s => s.Digitized), Reused = g.Sum(s => s.Reused), FeeBearing = g.Sum(s => s.FeeBearing),
            FeeBearingPaidOnline = g.Sum(s => s.FeeBearingPaidOnline), Rated = g.Sum(s => s.Rated), RatedHigh = g.Sum(s => s.RatedHigh), Disliked = g.Sum(s => s.Disliked),
            WorkingDays = g.Sum(s => s.WorkingDays),
        }).ToListAsync(cancellationToken);
        var groups = new Dictionary<string, Tally>();
        foreach (var row in sums)
        {
            GroupOf(groups, grouped == IndicatorDimension.All ? "all" : row.Value).Add(Tally.Of(row));
        }
        return groups;
    }

    /// <summary>The kept tallies of the period's dossiers that pass the filter, added up per group and set of conditions met.</summary>
    private async Task<Dictionary<string, Tally>> TalliedAsync(MeasureFilter filter, IndicatorDimension dimension, CancellationToken cancellationToken)
    {
        var tallies = db.DossierTallies.AsNoTracking().Where(t => t.Day >= filter.From && t.Day <= filter.To);
        tallies = filter.AgencyCode is { } agency ? tallies.Where(t => t.AgencyCode == agency) : tallies;
        tallies = filter.Level is { } level ? tallies.Where(t => t.Level == level) : tallies;
        tallies = filter.BranchCode is { } branch ? tallies.Where(t => t.BranchCode == branch) : tallies;
        tallies = filter.ProcedureCode is { } procedure ? tallies.Where(t => t.ProcedureCode == procedure) : tallies;
        var keyed = dimension switch
        {
            IndicatorDimension.Agency => tallies.Select(t => new { Group = t.AgencyCode ?? "-", t.Counted, t.WorkingDays }),
            IndicatorDimension.Level => tallies.Select(t => new { Group = t.Level ?? "-", t.Counted, t.WorkingDays }),
            IndicatorDimension.Branch => tallies.Select(t => new { Group = t.BranchCode ?? "-", t.Counted, t.WorkingDays }),
            _ => tallies.Select(t => new { Group = "all", t.Counted, t.WorkingDays }),
        };
        var rows = await keyed.GroupBy(t => new { t.Group, t.Counted })
            .Select(g => new { g.Key.Group, g.Key.Counted, Dossiers = g.Count(), WorkingDays = g.Sum(t => (long)t.WorkingDays) }).ToListAsync(cancellationToken);
        var groups = new Dictionary<string, Tally>();
        foreach (var row in rows)
        {
            GroupOf(groups, row.Group).Add(row.Counted, row.Dossiers, row.WorkingDays);
        }
        return groups;
    }

    /// <summary>
    /// The dossiers changed since the last fold (marked, or their appointment passed): what each counts now replaces
    /// what it counted when last folded.
    /// </summary>
    private async Task AddChangesAsync(Dictionary<string, Tally> groups, DateTime foldedAt, MeasureFilter filter, IndicatorDimension dimension, DateTime now,
        CancellationToken cancellationToken)
    {
        var changed = (await db.IndicatorMarks.Select(m => m.DossierId).Distinct().ToListAsync(cancellationToken))
            .Union(await counting.AppointmentsPassed(foldedAt, now).ToListAsync(cancellationToken)).ToList();
        if (changed.Count == 0)
        {
            return;
        }
        var current = (await counting.Facts(db.Dossiers.Where(d => changed.Contains(d.Id)), now, few: true).ToListAsync(cancellationToken)).Select(counting.Tallied);
        var folded = await db.DossierTallies.AsNoTracking().Where(t => changed.Contains(t.DossierId)).ToListAsync(cancellationToken);
        foreach (var (tally, sign) in current.Select(t => (t, 1)).Concat(folded.Select(t => (t, -1))).Where(t => Passes(t.Item1, filter)))
        {
            GroupOf(groups, DossierCounting.ValueOf(tally, dimension)).Add(tally, sign);
        }
    }

    /// <summary>From the dossiers themselves: exact, but it reads the whole period; used only while no sums are kept that fit.</summary>
    private async Task<Dictionary<string, Tally>> CountedAsync(MeasureFilter filter, IndicatorDimension dimension, DateTime now, CancellationToken cancellationToken)
    {
        var from = clock.Calendar.ToInstant(filter.From.ToDateTime(TimeOnly.MinValue)).UtcDateTime;
        var to = clock.Calendar.ToInstant(filter.To.AddDays(1).ToDateTime(TimeOnly.MinValue)).UtcDateTime;
        var query = db.Dossiers.AsNoTracking().Where(d => d.ReceivedAt >= from && d.ReceivedAt < to);
        query = filter.AgencyCode is { } agency ? query.Where(d => d.AgencyCode == agency) : query;
        query = filter.Level is { } level ? query.Where(d => d.Level == level) : query;
        query = filter.BranchCode is { } branch ? query.Where(d => d.BranchCode == branch) : query;
        query = filter.ProcedureCode is { } procedure ? query.Where(d => d.ProcedureCode == procedure) : query;
        var groups = new Dictionary<string, Tally>();
        await foreach (var facts in counting.Facts(query, now, few: false).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var tally = counting.Tallied(facts);
            GroupOf(groups, DossierCounting.ValueOf(tally, dimension)).Add(tally, 1);
        }
        return groups;
    }

    private static bool Passes(DossierTallyRecord t, MeasureFilter filter) =>
        t.Day >= filter.From && t.Day <= filter.To && (filter.AgencyCode is null || t.AgencyCode == filter.AgencyCode) && (filter.Level is null || t.Level == filter.Level)
        && (filter.BranchCode is null || t.BranchCode == filter.BranchCode) && (filter.ProcedureCode is null || t.ProcedureCode == filter.ProcedureCode);

    private static Tally GroupOf(Dictionary<string, Tally> groups, string group)
    {
        if (!groups.TryGetValue(group, out var tally))
        {
            groups[group] = tally = new Tally();
        }
        return tally;
    }

    private static ServiceQuality Measure(string group, Tally t)
    {
        var accepted = t[Counted.Accepted];
        var resolved = t[Counted.Resolved];
        var finished = t[Counted.Finished];
        var pending = accepted - finished;
        var granted = t[Counted.Granted];
        var rated = t[Counted.Rated];
        var feeBearing = t[Counted.FeeBearing];
        var onTime = Rate(t[Counted.OnTime], finished);
        var disliked = Rate(t[Counted.Disliked], accepted);
        return new ServiceQuality(
            group,
            t[Counted.Received],
            accepted,
            resolved,
            finished,
            onTime,
            Rate(t[Counted.ResolvedByAppointment], resolved),
            pending,
            Rate(t[Counted.PendingNotOverdue], pending),
            resolved == 0 ? null : Math.Round((decimal)Math.Max(0, t.WorkingDays) / resolved, 2),
            Rate(t[Counted.Online], accepted),
            Rate(t[Counted.GrantedDigitizedWithResult], granted),
            Rate(t[Counted.GrantedWithResult], granted),
            Rate(t[Counted.Digitized], accepted),
            Rate(t[Counted.Reused], accepted),
            feeBearing,
            Rate(t[Counted.FeeBearingPaidOnline], feeBearing),
            rated,
            onTime is null || disliked is null ? null : Math.Max(0m, 1m - (1m - onTime.Value) - disliked.Value),
            Rate(t[Counted.RatedHigh], rated));
    }

    private static decimal? Rate(int count, int of) => of == 0 ? null : Math.Round((decimal)count / of, 4);
}
