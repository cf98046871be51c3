using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime.Jobs;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.OneStop.Measures;

/// <summary>
/// Keeps the indicators as sums per day and per month of receipt, for all dossiers and per agency, level and branch,
/// so a year is a few thousand rows to add, not millions of dossiers to count. Its own recurring job (a count of
/// everything takes minutes at a city's volume, and deadlines must not wait behind it) folds the marked dossiers
/// (and those whose appointment has since passed) into the sums: it takes back what each counted last time (kept per
/// dossier) and adds what it counts now. The first time, and whenever the catalog's fees or the calendar change,
/// everything is counted again.
/// </summary>
public sealed class IndicatorSums(OneStopDbContext db, ProcedureCatalog catalog, DossierClock clock, ILogger<IndicatorSums> log) : ILongDueWork
{
    public string JobId => "indicator-sums";

    /// <summary>Marks folded per transaction: a fold after a busy minute does a few short transactions, not one long one.</summary>
    internal const int Batch = 2000;

    internal const int StateId = 1;

    private static readonly IndicatorDimension[] Dimensions = Enum.GetValues<IndicatorDimension>();

    private readonly DossierCounting counting = new(db, catalog, clock.Calendar);

    public async Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        try
        {
            await FoldAsync(now.UtcDateTime, cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException || ex is DbException && DatabaseErrors.IsUniqueViolation(ex))
        {
            // Another node folded the same marks, or counted everything, first (the state's revision or a row's key):
            // its sums stand, and this run's transaction wrote nothing.
            log.LogInformation(ex, "Indicator sums were folded by another node at the same time; the next run carries on");
            db.ChangeTracker.Clear();
        }
    }

    public async Task FoldAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var fingerprint = counting.Fingerprint();
        var state = await db.IndicatorState.SingleOrDefaultAsync(s => s.Id == StateId, cancellationToken);
        if (state is null || state.Fingerprint != fingerprint)
        {
            await RebuildAsync(state, fingerprint, now, cancellationToken);
            return;
        }
        while (true)
        {
            var marks = await db.IndicatorMarks.Take(Batch).ToListAsync(cancellationToken);
            var changed = marks.Select(m => m.DossierId).ToHashSet();
            changed.UnionWith(await counting.AppointmentsPassed(state.FoldedAt, now).ToListAsync(cancellationToken));
            if (changed.Count == 0)
            {
                // Nothing to write: a quiet run takes no write lock (SQLite has one for the whole file).
                return;
            }
            // Marks read before the transaction are safe to remove in it: only a fold removes marks, and two folds conflict on the state.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await FoldAsync(changed, now, cancellationToken);
            db.IndicatorMarks.RemoveRange(marks);
            state.FoldedAt = now;
            state.Revision++;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (marks.Count < Batch)
            {
                return;
            }
            db.Attach(state);
        }
    }

    /// <summary>Takes back what each dossier counted last time and adds what it counts now, in its tally and in the sums.</summary>
    private async Task FoldAsync(IReadOnlyCollection<Guid> dossiers, DateTime now, CancellationToken cancellationToken)
    {
        if (dossiers.Count == 0)
        {
            return;
        }
        var current = (await counting.Facts(db.Dossiers.Where(d => dossiers.Contains(d.Id)), now, few: true).ToListAsync(cancellationToken))
            .Select(counting.Tallied).ToDictionary(t => t.DossierId);
        var previous = await db.DossierTallies.Where(t => dossiers.Contains(t.DossierId)).ToDictionaryAsync(t => t.DossierId, cancellationToken);
        var deltas = new Dictionary<SumKey, Tally>();
        foreach (var id in dossiers)
        {
            var before = previous.GetValueOrDefault(id);
            var after = current.GetValueOrDefault(id);
            if (before is not null)
            {
                AddInto(deltas, before, -1);
            }
            if (after is not null)
            {
                AddInto(deltas, after, 1);
            }
            switch (before, after)
            {
                case (not null, not null):
                    db.Entry(before).CurrentValues.SetValues(after);
                    break;
                case (not null, null):
                    db.DossierTallies.Remove(before);
                    break;
                case (null, not null):
                    db.DossierTallies.Add(after);
                    break;
            }
        }
        await AddToSumsAsync(deltas.Where(d => !d.Value.IsZero).ToDictionary(), cancellationToken);
    }

    /// <summary>Loads the kept rows the changes fall in (per dimension: its values × its dates) and adds to them, or starts them.</summary>
    private async Task AddToSumsAsync(Dictionary<SumKey, Tally> deltas, CancellationToken cancellationToken)
    {
        foreach (var dimension in deltas.Keys.GroupBy(k => k.Dimension))
        {
            var values = dimension.Select(k => k.Value).Distinct().ToList();
            var starts = dimension.Select(k => k.Start).Distinct().ToList();
            var rows = await db.IndicatorSums.Where(s => s.Dimension == dimension.Key && values.Contains(s.Value) && starts.Contains(s.Start))
                .ToDictionaryAsync(s => new SumKey(s.Dimension, s.Span, s.Start, s.Value), cancellationToken);
            foreach (var key in dimension)
            {
                if (!rows.TryGetValue(key, out var row))
                {
                    row = key.NewRow();
                    db.IndicatorSums.Add(row);
                }
                deltas[key].AddTo(row);
            }
        }
    }

    /// <summary>
    /// Counts every dossier again, a month of receipts at a time, in one transaction: readers keep the old sums until it
    /// commits. Marks made before it starts are covered by it; later ones wait for the next fold. Written as multi-row
    /// inserts, not through the change tracker (200,000 dossiers: 27.9 s that way, 11.6 s this way).
    /// </summary>
    private async Task RebuildAsync(IndicatorStateRecord? state, string fingerprint, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.IndicatorMarks.ExecuteDeleteAsync(cancellationToken);
        await db.DossierTallies.ExecuteDeleteAsync(cancellationToken);
        await db.IndicatorSums.ExecuteDeleteAsync(cancellationToken);
        var dossiers = counting.Counted(db.Dossiers);
        var sums = new Dictionary<SumKey, Tally>();
        if (await dossiers.AnyAsync(cancellationToken))
        {
            var first = await dossiers.MinAsync(d => d.ReceivedAt, cancellationToken);
            var last = await dossiers.MaxAsync(d => d.ReceivedAt, cancellationToken);
            for (var month = MonthOf(counting.LocalDate(first)); month <= counting.LocalDate(last); month = month.AddMonths(1))
            {
                var from = Instant(month);
                var to = Instant(month.AddMonths(1));
                var tallies = (await counting.Facts(db.Dossiers.Where(d => d.ReceivedAt >= from && d.ReceivedAt < to), now, few: false).ToListAsync(cancellationToken))
                    .Select(counting.Tallied).ToList();
                foreach (var tally in tallies)
                {
                    AddInto(sums, tally, 1);
                }
                await BulkRows.InsertAsync(db, tallies, cancellationToken);
            }
        }
        await BulkRows.InsertAsync(db, sums.Select(s =>
        {
            var row = s.Key.NewRow();
            s.Value.AddTo(row);
            return row;
        }).ToList(), cancellationToken);
        if (state is null)
        {
            db.IndicatorState.Add(new IndicatorStateRecord { Id = StateId, FoldedAt = now, Fingerprint = fingerprint });
        }
        else
        {
            db.Attach(state);
            state.FoldedAt = now;
            state.Fingerprint = fingerprint;
            state.Revision++;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        log.LogInformation("Indicator sums counted again from {Dossiers} dossiers", sums.Where(s => s.Key.Dimension == IndicatorDimension.All && s.Key.Span == IndicatorSpan.Day)
            .Sum(s => s.Value[Counted.Received]));
    }

    private DateTime Instant(DateOnly local) => clock.Calendar.ToInstant(local.ToDateTime(TimeOnly.MinValue)).UtcDateTime;

    internal static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>A dossier counts in its day and its month, for all dossiers and for its agency, level and branch.</summary>
    private static void AddInto(Dictionary<SumKey, Tally> sums, DossierTallyRecord dossier, int sign)
    {
        foreach (var dimension in Dimensions)
        {
            var value = DossierCounting.ValueOf(dossier, dimension);
            foreach (var (span, start) in new[] { (IndicatorSpan.Day, dossier.Day), (IndicatorSpan.Month, MonthOf(dossier.Day)) })
            {
                var key = new SumKey(dimension, span, start, value);
                if (!sums.TryGetValue(key, out var tally))
                {
                    sums[key] = tally = new Tally();
                }
                tally.Add(dossier, sign);
            }
        }
    }

    private readonly record struct SumKey(IndicatorDimension Dimension, IndicatorSpan Span, DateOnly Start, string Value)
    {
        public IndicatorSumRecord NewRow() => new() { Dimension = Dimension, Span = Span, Start = Start, Value = Value };
    }
}
