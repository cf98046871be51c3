using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.Runtime.Jobs;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Feedback;

/// <summary>
/// The hub's deadlines on the runtime's sweep: a stage past its warning share warns its owner; a stage past its due time
/// is escalated to the supervisor and the item counts as late. Each is written once per stage (the row's revision guards
/// it against a second node doing the same).
/// </summary>
public sealed class FeedbackDeadlines(OneStopDbContext db) : IDueWork
{
    private const int Batch = 500;

    public async Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var at = now.UtcDateTime;
        var open = new[] { FeedbackStatus.Received, FeedbackStatus.Routed, FeedbackStatus.Answered, FeedbackStatus.Approved };
        var due = await db.Feedback.Where(f => open.Contains(f.Status) && f.CaseId != null
                && ((f.WarnAt <= at && f.WarnedAt == null) || (f.DueAt <= at && !f.StageEscalated)))
            .OrderBy(f => f.DueAt).Take(Batch).ToListAsync(cancellationToken);
        foreach (var item in due)
        {
            if (item.WarnedAt is null && item.WarnAt <= at)
            {
                item.WarnedAt = at;
                db.Audit.Add(new AuditRecord { CaseId = item.CaseId!.Value, At = at, Actor = "system", Kind = "feedback-sla-warning",
                    Detail = $"{item.Code}: due {item.DueAt:u}, owner {(item.Status == FeedbackStatus.Received ? FeedbackWorkflow.HubGroup : item.AgencyCode)}" });
            }
            if (!item.StageEscalated && item.DueAt <= at)
            {
                item.StageEscalated = true;
                item.EscalatedAt ??= at;
                item.Late = true;
                db.Audit.Add(new AuditRecord { CaseId = item.CaseId!.Value, At = at, Actor = "system", Kind = "feedback-escalated",
                    Detail = $"{item.Code}: overdue since {item.DueAt:u}, escalated to the supervisor" });
            }
            item.Revision++;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node or a command changed one of them meanwhile: the next sweep sees it as it is now.
            db.ChangeTracker.Clear();
        }
    }
}
