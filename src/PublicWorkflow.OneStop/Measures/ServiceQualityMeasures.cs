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
        var dossiers = await query.ToListAsync(cancellationToken);
        var ids = dossiers.Select(d => d.Id).ToList();
        var withResult = (await db.DossierResults.AsNoTracking().Where(r => ids.Contains(r.DossierId)).Select(r => r.DossierId).ToListAsync(cancellationToken)).ToHashSet();
        // Dislike in the national formula: feedback naming the dossier, or a survey that was unhappy with it.
        var complained = (await db.Feedback.AsNoTracking().Where(f => f.DossierId != null && ids.Contains(f.DossierId.Value)).Select(f => f.DossierId!.Value)
            .Concat(db.SurveyAnswers.AsNoTracking().Where(a => a.Score <= 2 && ids.Contains(a.DossierId)).Select(a => a.DossierId))
            .ToListAsync(cancellationToken)).ToHashSet();
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
            .Select(g => Measure(g.Key, g.ToList(), withResult, complained, now))
            .ToList();
    }

    /// <summary>A group with no dossier: every count zero, every rate unknown.</summary>
    public static ServiceQuality Nothing(string group) => new(group, 0, 0, 0, 0, null, null, 0, null, null, null, null, null, null, null, 0, null, 0, null, null);

    private ServiceQuality Measure(string group, List<DossierRecord> all, IReadOnlySet<Guid> withResult, IReadOnlySet<Guid> complained, DateTime now)
    {
        var received = all.Where(d => d.Status != DossierStatus.Guided).ToList();
        var accepted = received.Where(d => d.Code is not null).ToList();
        var resolved = accepted.Where(d => d.ResolvedAt is not null).ToList();
        var finished = accepted.Where(d => FinishedAt(d) is not null).ToList();
        var pending = accepted.Where(d => FinishedAt(d) is null).ToList();
        var feeBearing = accepted.Where(d => catalog.Find(d.ProcedureCode)?.Fee.IsCharged ?? d.FeeAmount > 0).ToList();
        var rated = accepted.Where(d => d.Rating is not null).ToList();
        var onTime = Rate(finished.Count(OnTime), finished.Count);
        var granted = resolved.Where(d => d.Outcome == DossierOutcome.Granted).ToList();
        var disliked = Rate(accepted.Count(d => d.Rating <= 2 || complained.Contains(d.Id)), accepted.Count);
        return new ServiceQuality(
            group,
            received.Count,
            accepted.Count,
            resolved.Count,
            finished.Count,
            onTime,
            Rate(resolved.Count(d => d.ResolvedAt <= d.AppointmentAt), resolved.Count),
            pending.Count,
            Rate(pending.Count(d => d.ClockPausedAt is not null || now <= d.AppointmentAt), pending.Count),
            resolved.Count == 0 ? null : Math.Round((decimal)resolved.Average(d => WorkingDays(d.ReceivedAt, d.ResolvedAt!.Value)), 2),
            Rate(accepted.Count(d => d.Channel == DossierChannel.Online), accepted.Count),
            Rate(granted.Count(d => d.Digitized && withResult.Contains(d.Id)), granted.Count),
            Rate(granted.Count(d => withResult.Contains(d.Id)), granted.Count),
            Rate(accepted.Count(d => d.Digitized), accepted.Count),
            Rate(accepted.Count(d => d.DocumentsReused > 0), accepted.Count),
            feeBearing.Count,
            Rate(feeBearing.Count(d => d.PaymentChannel == "online"), feeBearing.Count),
            rated.Count,
            onTime is null || disliked is null ? null : Math.Max(0m, 1m - (1m - onTime.Value) - disliked.Value),
            Rate(rated.Count(d => d.Rating >= 4), rated.Count));
    }

    /// <summary>When a dossier left the agencies' hands after reception: resolved (granted or refused), stopped, or withdrawn (its request).</summary>
    private static DateTime? FinishedAt(DossierRecord d) => d.ResolvedAt ?? d.StoppedAt ?? d.WithdrawalRequestedAt;

    /// <summary>The national rule: finished by the appointment before any apology, and asked to supplement at most once.</summary>
    private static bool OnTime(DossierRecord d) =>
        d.SupplementRequests <= 1 && FinishedAt(d) <= (d.AppointmentBeforeApology ?? d.AppointmentAt);

    private int WorkingDays(DateTime from, DateTime to) =>
        Math.Max(0, clock.Calendar.CountWorkingDays(new DateTimeOffset(from, TimeSpan.Zero), new DateTimeOffset(to, TimeSpan.Zero)));

    private static decimal? Rate(int count, int of) => of == 0 ? null : Math.Round((decimal)count / of, 4);
}
