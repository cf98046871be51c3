using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Staff;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.OneStop.Feedback;

/// <summary>Who sees which items: the hub (support agents) and the supervisor every item; an agency's staff the items routed to it.</summary>
public sealed record FeedbackViewer(StaffScope Scope, bool IsHub)
{
    public bool SeesAll => IsHub || Scope.SeesAll;

    public bool Sees(FeedbackRecord item) => SeesAll || (item.AgencyCode is not null && item.AgencyCode == Scope.AgencyCode);
}

public sealed record FeedbackFilter(string? Status = null, string? Agency = null, bool Overdue = false, DateOnly? From = null, DateOnly? To = null);

/// <summary>The hub's measures of a period (by agency or all): Decision 766 group 5 as far as the data carries it.</summary>
public sealed record FeedbackMeasures(string? Agency, int Received, int Closed, int OnTime, int Late, int OverdueNow, int Published, int Rated, int Satisfied)
{
    public decimal? OnTimeRate => Closed == 0 ? null : Math.Round(100m * OnTime / Closed, 1);
    public decimal? PublishedRate => Closed == 0 ? null : Math.Round(100m * Published / Closed, 1);
    public decimal? SatisfiedRate => Rated == 0 ? null : Math.Round(100m * Satisfied / Rated, 1);
}

/// <summary>Reads of feedback items (a read model: it changes nothing).</summary>
public sealed class FeedbackQueries(OneStopDbContext db, FeedbackClock clock, TimeProvider time)
{
    public const int MaxPage = 100;

    /// <summary>Published answers, newest first: the published question and the answer, the category and agency; nothing else.</summary>
    public async Task<(List<FeedbackRecord> Items, int Total)> PublishedAsync(string? agency, int page, int size, CancellationToken cancellationToken = default)
    {
        var query = db.Feedback.AsNoTracking().Where(f => f.PublishedAt != null);
        query = agency is null ? query : query.Where(f => f.AgencyCode == agency);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(f => f.PublishedAt).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task<(List<FeedbackRecord> Items, int Total)> ListAsync(FeedbackViewer viewer, FeedbackFilter filter, int page, int size,
        CancellationToken cancellationToken = default)
    {
        var query = db.Feedback.AsNoTracking();
        if (!viewer.SeesAll)
        {
            var mine = viewer.Scope.AgencyCode;
            query = query.Where(f => mine != null && f.AgencyCode == mine);
        }
        query = filter.Status is { } status ? query.Where(f => f.Status == status) : query;
        query = filter.Agency is { } agency ? query.Where(f => f.AgencyCode == agency) : query;
        if (filter.Overdue)
        {
            var now = time.GetUtcNow().UtcDateTime;
            query = query.Where(f => f.ClosedAt == null && f.DueAt < now);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(f => f.ClosedAt != null).ThenBy(f => f.DueAt).ThenByDescending(f => f.ReceivedAt)
            .Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return (items, total);
    }

    /// <summary>A portal account's own items, newest first (at most 200).</summary>
    public Task<List<FeedbackRecord>> MineAsync(Guid accountId, CancellationToken cancellationToken = default) =>
        db.Feedback.AsNoTracking().Where(f => f.CitizenAccountId == accountId).OrderByDescending(f => f.ReceivedAt).Take(200).ToListAsync(cancellationToken);

    public async Task<FeedbackRecord> OneAsync(FeedbackViewer viewer, Guid id, CancellationToken cancellationToken = default)
    {
        var item = await db.Feedback.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw RuntimeException.NotFound("feedback", id);
        return viewer.Sees(item) ? item : throw RuntimeException.NotFound("feedback", id);
    }

    /// <summary>Items received in the period (local dates, inclusive), measured per agency and for all.</summary>
    public async Task<List<FeedbackMeasures>> MeasuresAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var start = clock.Start(from);
        var end = clock.Start(to.AddDays(1));
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.Feedback.AsNoTracking().Where(f => f.ReceivedAt >= start && f.ReceivedAt < end)
            .GroupBy(f => f.AgencyCode)
            .Select(g => new FeedbackMeasures(g.Key,
                g.Count(),
                g.Count(f => f.ClosedAt != null),
                g.Count(f => f.ClosedAt != null && !f.Late),
                g.Count(f => f.ClosedAt != null && f.Late),
                g.Count(f => f.ClosedAt == null && f.DueAt < now),
                g.Count(f => f.PublishedAt != null),
                g.Count(f => f.Satisfaction != null),
                g.Count(f => f.Satisfaction >= 4)))
            .ToListAsync(cancellationToken);
        var all = new FeedbackMeasures(null, rows.Sum(r => r.Received), rows.Sum(r => r.Closed), rows.Sum(r => r.OnTime), rows.Sum(r => r.Late),
            rows.Sum(r => r.OverdueNow), rows.Sum(r => r.Published), rows.Sum(r => r.Rated), rows.Sum(r => r.Satisfied));
        return [all, .. rows.OrderBy(r => r.Agency)];
    }
}
