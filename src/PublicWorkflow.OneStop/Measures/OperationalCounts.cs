using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Feedback;
using PublicWorkflow.OneStop.Persistence;

namespace PublicWorkflow.OneStop.Measures;

/// <summary>How the center stands right now: overdue dossiers and feedback items, work queued for jobs, messages waiting to go out.</summary>
public sealed record OperationalCounts(long OverdueDossiers, long OverdueFeedback, long QueuedJobs, long PendingMessages);

/// <summary>Counts the center's backlog (a read model); the host samples it for telemetry.</summary>
public sealed class OperationalCountsQuery(OneStopDbContext db, TimeProvider clock)
{
    public async Task<OperationalCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var overdueDossiers = await db.Dossiers.LongCountAsync(d => d.ResolvedAt == null && d.ClockPausedAt == null && d.AppointmentAt < now
            && d.Status != DossierStatus.Withdrawn && d.Status != DossierStatus.Stopped && d.Status != DossierStatus.NotAccepted && d.Status != DossierStatus.Guided,
            cancellationToken);
        var overdueFeedback = await db.Feedback.LongCountAsync(f => f.ClosedAt == null && f.DueAt < now, cancellationToken);
        var queued = await db.Outbox.LongCountAsync(o => o.CompletedAt == null, cancellationToken);
        var messages = await db.Messages.LongCountAsync(m => m.Status == "pending", cancellationToken);
        return new OperationalCounts(overdueDossiers, overdueFeedback, queued, messages);
    }
}

/// <summary>The center's gauges, read from the last sample (the meter's callbacks never query the database themselves).</summary>
public static class OneStopTelemetry
{
    public const string Name = "PublicWorkflow.OneStop";

    private static readonly Meter Meter = new(Name);
    private static OperationalCounts latest = new(0, 0, 0, 0);

    static OneStopTelemetry()
    {
        Meter.CreateObservableGauge("pwf.dossiers.overdue", () => Volatile.Read(ref latest).OverdueDossiers, "{dossier}", "Dossiers past their appointment, unresolved, clock running");
        Meter.CreateObservableGauge("pwf.feedback.overdue", () => Volatile.Read(ref latest).OverdueFeedback, "{item}", "Feedback items past their stage's deadline");
        Meter.CreateObservableGauge("pwf.jobs.queued", () => Volatile.Read(ref latest).QueuedJobs, "{job}", "Outbox rows not yet completed by a job (the queue depth)");
        Meter.CreateObservableGauge("pwf.messages.pending", () => Volatile.Read(ref latest).PendingMessages, "{message}", "Messages to applicants not yet delivered");
    }

    public static void Publish(OperationalCounts counts) => Volatile.Write(ref latest, counts);
}
