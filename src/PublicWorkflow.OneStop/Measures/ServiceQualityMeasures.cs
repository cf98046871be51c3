using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Persistence;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Engine.Calendar;

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
/// Computes the indicators in the database: each dossier of the period becomes a row of 0/1 flags, summed per group,
/// procedure and whether a fee was recorded (the catalog decides which procedures charge). Only sums come back, so a
/// year of a city is a few thousand rows, not millions of dossiers in memory.
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
        var query = db.Dossiers.AsNoTracking().Where(d => d.ReceivedAt >= from && d.ReceivedAt < to && d.Status != DossierStatus.Submitted && d.Status != DossierStatus.Guided);
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
        // With no grouping any column will do: the rows are added up under one label below.
        var keyed = grouping switch
        {
            MeasureGrouping.Agency => query.Select(d => new Keyed { Dossier = d, Group = d.AgencyCode }),
            MeasureGrouping.Branch => query.Select(d => new Keyed { Dossier = d, Group = d.BranchCode }),
            _ => query.Select(d => new Keyed { Dossier = d, Group = d.Level }),
        };
        var now = time.GetUtcNow().UtcDateTime;
        var sums = await Flags(keyed, now)
            .GroupBy(f => new { f.Group, f.ProcedureCode, f.FeeRecorded })
            .Select(g => new Tally
            {
                Group = g.Key.Group, ProcedureCode = g.Key.ProcedureCode, FeeRecorded = g.Key.FeeRecorded, Received = g.Sum(f => f.Received),
                Accepted = g.Sum(f => f.Accepted), Resolved = g.Sum(f => f.Resolved), Finished = g.Sum(f => f.Finished), OnTime = g.Sum(f => f.OnTime),
                ResolvedByAppointment = g.Sum(f => f.ResolvedByAppointment), PendingNotOverdue = g.Sum(f => f.PendingNotOverdue), Online = g.Sum(f => f.Online),
                Granted = g.Sum(f => f.Granted), GrantedDigitizedWithResult = g.Sum(f => f.GrantedDigitizedWithResult), GrantedWithResult = g.Sum(f => f.GrantedWithResult),
                Digitized = g.Sum(f => f.Digitized), Reused = g.Sum(f => f.Reused), PaidOnline = g.Sum(f => f.PaidOnline), Rated = g.Sum(f => f.Rated),
                RatedHigh = g.Sum(f => f.RatedHigh), Disliked = g.Sum(f => f.Disliked),
            })
            .ToListAsync(cancellationToken);
        var workingDays = await ResolvedWorkingDaysAsync(keyed, cancellationToken);
        string Label(string? group) => grouping == MeasureGrouping.None ? "all" : group ?? "-";
        return sums
            .GroupBy(s => Label(s.Group))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Measure(g.Key, g.ToList(), workingDays.GetValueOrDefault(g.Key)))
            .ToList();

        // Working days from receipt to resolution, summed per group: a prefix count of working days up to each date, so
        // the sum is Σ W(resolved) − Σ W(received), from counts per group and local date rather than per dossier.
        async Task<Dictionary<string, long>> ResolvedWorkingDaysAsync(IQueryable<Keyed> rows, CancellationToken token)
        {
            // Local dates in the database: the zone's one offset (Vietnam has kept UTC+7 since 1975, as the calendar assumes).
            var offset = clock.Calendar.Zone.BaseUtcOffset.TotalHours;
            var resolved = rows.Where(k => k.Dossier.Code != null && k.Dossier.ResolvedAt != null);
            var received = await resolved.GroupBy(k => new { k.Group, Day = k.Dossier.ReceivedAt.AddHours(offset).Date })
                .Select(g => new { g.Key.Group, g.Key.Day, Count = g.Count() }).ToListAsync(token);
            var done = await resolved.GroupBy(k => new { k.Group, Day = k.Dossier.ResolvedAt!.Value.AddHours(offset).Date })
                .Select(g => new { g.Key.Group, g.Key.Day, Count = g.Count() }).ToListAsync(token);
            var days = new Dictionary<string, long>();
            var upTo = new WorkingDaysIndex(clock.Calendar, filter.From.AddDays(-1));
            foreach (var (group, day, count, sign) in done.Select(d => (d.Group, d.Day, d.Count, 1)).Concat(received.Select(r => (r.Group, r.Day, r.Count, -1))))
            {
                days[Label(group)] = days.GetValueOrDefault(Label(group)) + sign * count * upTo.At(DateOnly.FromDateTime(day));
            }
            return days;
        }
    }

    /// <summary>A group with no dossier: every count zero, every rate unknown.</summary>
    public static ServiceQuality Nothing(string group) => new(group, 0, 0, 0, 0, null, null, 0, null, null, null, null, null, null, null, 0, null, 0, null, null);

    /// <summary>A dossier with the value it is grouped by.</summary>
    private sealed class Keyed
    {
        public required DossierRecord Dossier { get; init; }
        public string? Group { get; init; }
    }

    /// <summary>
    /// Counts for one group, procedure and fee flag: as a single dossier, each 0 or 1 (the condition the national formula
    /// or the center's own measure counts); as the database's sums, how many dossiers met it.
    /// </summary>
    private sealed class Tally
    {
        public string? Group { get; init; }
        public required string ProcedureCode { get; init; }
        public bool FeeRecorded { get; init; }
        public int Received { get; init; }
        public int Accepted { get; init; }
        public int Resolved { get; init; }
        public int Finished { get; init; }
        public int OnTime { get; init; }
        public int ResolvedByAppointment { get; init; }
        public int PendingNotOverdue { get; init; }
        public int Online { get; init; }
        public int Granted { get; init; }
        public int GrantedDigitizedWithResult { get; init; }
        public int GrantedWithResult { get; init; }
        public int Digitized { get; init; }
        public int Reused { get; init; }
        public int PaidOnline { get; init; }
        public int Rated { get; init; }
        public int RatedHigh { get; init; }
        public int Disliked { get; init; }
    }

    /// <summary>
    /// Finished: resolved (granted or refused), stopped, or withdrawn (its request) after reception. On time, the national
    /// rule: finished by the appointment before any apology, and asked to supplement at most once. Dislike: a rating of
    /// 1–2, feedback naming the dossier, or a survey that was unhappy with it. The other tables are asked with IN, not
    /// EXISTS: the database reads each once into a hash instead of probing it for every dossier (3× faster on a month).
    /// </summary>
    private IQueryable<Tally> Flags(IQueryable<Keyed> keyed, DateTime now) => keyed.Select(k => new Tally
    {
        Group = k.Group,
        Received = 1,
        ProcedureCode = k.Dossier.ProcedureCode,
        FeeRecorded = k.Dossier.FeeAmount > 0,
        Accepted = k.Dossier.Code != null ? 1 : 0,
        Resolved = k.Dossier.Code != null && k.Dossier.ResolvedAt != null ? 1 : 0,
        Finished = k.Dossier.Code != null && (k.Dossier.ResolvedAt ?? k.Dossier.StoppedAt ?? k.Dossier.WithdrawalRequestedAt) != null ? 1 : 0,
        OnTime = k.Dossier.Code != null && k.Dossier.SupplementRequests <= 1
            && (k.Dossier.ResolvedAt ?? k.Dossier.StoppedAt ?? k.Dossier.WithdrawalRequestedAt) <= (k.Dossier.AppointmentBeforeApology ?? k.Dossier.AppointmentAt) ? 1 : 0,
        ResolvedByAppointment = k.Dossier.Code != null && k.Dossier.ResolvedAt <= k.Dossier.AppointmentAt ? 1 : 0,
        PendingNotOverdue = k.Dossier.Code != null && (k.Dossier.ResolvedAt ?? k.Dossier.StoppedAt ?? k.Dossier.WithdrawalRequestedAt) == null
            && (k.Dossier.ClockPausedAt != null || now <= k.Dossier.AppointmentAt) ? 1 : 0,
        Online = k.Dossier.Code != null && k.Dossier.Channel == DossierChannel.Online ? 1 : 0,
        Granted = k.Dossier.Code != null && k.Dossier.ResolvedAt != null && k.Dossier.Outcome == DossierOutcome.Granted ? 1 : 0,
        GrantedDigitizedWithResult = k.Dossier.Code != null && k.Dossier.ResolvedAt != null && k.Dossier.Outcome == DossierOutcome.Granted && k.Dossier.Digitized
            && db.DossierResults.Select(r => r.DossierId).Contains(k.Dossier.Id) ? 1 : 0,
        GrantedWithResult = k.Dossier.Code != null && k.Dossier.ResolvedAt != null && k.Dossier.Outcome == DossierOutcome.Granted
            && db.DossierResults.Select(r => r.DossierId).Contains(k.Dossier.Id) ? 1 : 0,
        Digitized = k.Dossier.Code != null && k.Dossier.Digitized ? 1 : 0,
        Reused = k.Dossier.Code != null && k.Dossier.DocumentsReused > 0 ? 1 : 0,
        PaidOnline = k.Dossier.Code != null && k.Dossier.PaymentChannel == "online" ? 1 : 0,
        Rated = k.Dossier.Code != null && k.Dossier.Rating != null ? 1 : 0,
        RatedHigh = k.Dossier.Code != null && k.Dossier.Rating >= 4 ? 1 : 0,
        Disliked = k.Dossier.Code != null && (k.Dossier.Rating <= 2 || db.Feedback.Where(f => f.DossierId != null).Select(f => f.DossierId!.Value).Contains(k.Dossier.Id)
            || db.SurveyAnswers.Where(a => a.Score <= 2).Select(a => a.DossierId).Contains(k.Dossier.Id)) ? 1 : 0,
    });

    private ServiceQuality Measure(string group, List<Tally> rows, long resolvedWorkingDays)
    {
        int Sum(Func<Tally, int> of) => rows.Sum(of);
        var accepted = Sum(r => r.Accepted);
        var resolved = Sum(r => r.Resolved);
        var finished = Sum(r => r.Finished);
        var pending = accepted - finished;
        var granted = Sum(r => r.Granted);
        var rated = Sum(r => r.Rated);
        // Fee-bearing: the catalog's word for the procedure; a procedure since removed counts when a fee was recorded.
        var feeBearing = rows.Where(r => catalog.Find(r.ProcedureCode)?.Fee.IsCharged ?? r.FeeRecorded).ToList();
        var onTime = Rate(Sum(r => r.OnTime), finished);
        var disliked = Rate(Sum(r => r.Disliked), accepted);
        return new ServiceQuality(
            group,
            Sum(r => r.Received),
            accepted,
            resolved,
            finished,
            onTime,
            Rate(Sum(r => r.ResolvedByAppointment), resolved),
            pending,
            Rate(Sum(r => r.PendingNotOverdue), pending),
            resolved == 0 ? null : Math.Round((decimal)Math.Max(0, resolvedWorkingDays) / resolved, 2),
            Rate(Sum(r => r.Online), accepted),
            Rate(Sum(r => r.GrantedDigitizedWithResult), granted),
            Rate(Sum(r => r.GrantedWithResult), granted),
            Rate(Sum(r => r.Digitized), accepted),
            Rate(Sum(r => r.Reused), accepted),
            feeBearing.Sum(r => r.Accepted),
            Rate(feeBearing.Sum(r => r.PaidOnline), feeBearing.Sum(r => r.Accepted)),
            rated,
            onTime is null || disliked is null ? null : Math.Max(0m, 1m - (1m - onTime.Value) - disliked.Value),
            Rate(Sum(r => r.RatedHigh), rated));
    }

    /// <summary>Working days after an origin up to each date, counted once per date: the difference of two is the count between them.</summary>
    private sealed class WorkingDaysIndex(WorkingCalendar calendar, DateOnly origin)
    {
        private readonly List<int> upTo = [0];

        public int At(DateOnly date)
        {
            var index = Math.Max(0, date.DayNumber - origin.DayNumber);
            while (upTo.Count <= index)
            {
                upTo.Add(upTo[^1] + (calendar.IsWorkingDay(origin.AddDays(upTo.Count)) ? 1 : 0));
            }
            return upTo[index];
        }
    }

    private static decimal? Rate(int count, int of) => of == 0 ? null : Math.Round((decimal)count / of, 4);
}
