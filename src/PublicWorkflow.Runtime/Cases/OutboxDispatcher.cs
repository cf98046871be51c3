using Hangfire;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Jobs;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>
/// Hands committed outbox rows to Hangfire and marks them handed over. A row whose hand-over was interrupted
/// is handed over again later (start-up, sweep); every job is idempotent, so a second hand-over is harmless.
/// </summary>
public sealed class OutboxDispatcher(WorkflowDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    public async Task DispatchAsync(IReadOnlyCollection<OutboxRecord> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return;
        }
        foreach (var row in rows)
        {
            Hand(row);
        }
        var ids = rows.Select(r => r.Id).ToList();
        var timerIds = rows.Where(r => r.Kind == OutboxKind.ScheduleTimer).Select(r => r.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Outbox.Where(o => ids.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.DispatchedAt, now), cancellationToken);
        if (timerIds.Count > 0)
        {
            await db.Outbox.Where(o => timerIds.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.CompletedAt, now), cancellationToken);
        }
    }

    /// <summary>
    /// Rows committed but never handed over (the process stopped in between) and, when Hangfire's storage forgot its
    /// jobs, rows handed over but never completed. Timers are not among them: the timers table re-arms those.
    /// Returns how many were handed over.
    /// </summary>
    public async Task<int> DispatchPendingAsync(TimeSpan olderThan, bool includeUncompleted, CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - olderThan;
        var pending = await db.Outbox.AsNoTracking()
            .Where(o => o.CompletedAt == null && o.CreatedAt <= cutoff
                        && (o.DispatchedAt == null || (includeUncompleted && o.Kind != OutboxKind.ScheduleTimer)))
            .OrderBy(o => o.CreatedAt).Take(500).ToListAsync(cancellationToken);
        await DispatchAsync(pending, cancellationToken);
        return pending.Count;
    }

    /// <summary>A job finished its row's work; a timer row is finished once handed over (its timer row takes it from there).</summary>
    public Task CompleteAsync(Guid outboxId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Outbox.Where(o => o.Id == outboxId).ExecuteUpdateAsync(s => s.SetProperty(o => o.CompletedAt, now), cancellationToken);
    }

    public void ScheduleTimer(Guid caseId, Guid timerRecordId, DateTime dueAt) =>
        jobs.Schedule<CaseJobs>(j => j.FireTimerAsync(caseId, timerRecordId), new DateTimeOffset(dueAt, TimeSpan.Zero));

    private void Hand(OutboxRecord row)
    {
        switch (row.Kind)
        {
            case OutboxKind.ScheduleTimer:
                var timer = Payload.Read<TimerPayload>(row.Payload);
                ScheduleTimer(row.CaseId, timer.TimerRecordId, timer.DueAt);
                break;
            case OutboxKind.InvokeHandler:
                var handler = Payload.Read<HandlerPayload>(row.Payload);
                jobs.Enqueue<HandlerJob>(j => j.RunAsync(row.Id, row.CaseId, handler.ActivityId, handler.ElementId, handler.Handler, 1));
                break;
            case OutboxKind.StartCalledCase:
                var call = Payload.Read<StartChildPayload>(row.Payload);
                jobs.Enqueue<CaseJobs>(j => j.StartCalledCaseAsync(row.Id, row.CaseId, call));
                break;
            case OutboxKind.ReportToParent:
                var report = Payload.Read<ReportToParentPayload>(row.Payload);
                jobs.Enqueue<CaseJobs>(j => j.ReportToParentAsync(row.Id, report));
                break;
            case OutboxKind.CancelCalledCase:
                var cancel = Payload.Read<CancelChildPayload>(row.Payload);
                jobs.Enqueue<CaseJobs>(j => j.CancelCalledCaseAsync(row.Id, row.CaseId, cancel.ActivityId));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(row), row.Kind, "unknown outbox kind");
        }
    }
}
