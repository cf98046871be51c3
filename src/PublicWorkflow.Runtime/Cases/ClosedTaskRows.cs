using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>
/// The rows of the tasks a command closed, as they were before it: the one the command itself read (the task being
/// completed) and, only when a hook asks, the others in one query.
/// </summary>
public sealed class ClosedTaskRows
{
    private readonly WorkflowDbContext db;
    private readonly ChangeSet changes;
    private readonly TaskRecord? read;
    private IReadOnlyList<TaskRecord>? rows;

    internal ClosedTaskRows(WorkflowDbContext db, ChangeSet changes, TaskRecord? read)
    {
        this.db = db;
        this.changes = changes;
        this.read = read;
    }

    public async Task<IReadOnlyList<TaskRecord>> ReadAsync(CancellationToken cancellationToken)
    {
        if (rows is not null)
        {
            return rows;
        }
        var activityIds = changes.ClosedTasks.Select(c => c.ActivityId).ToList();
        var known = read is not null && activityIds.Contains(read.ActivityId) ? new List<TaskRecord> { read } : [];
        var missing = activityIds.Except(known.Select(t => t.ActivityId)).ToList();
        rows = missing.Count == 0
            ? known
            : known.Concat(await db.Tasks.AsNoTracking().Where(t => t.CaseId == changes.Case.Id && missing.Contains(t.ActivityId))
                .ToListAsync(cancellationToken)).ToList();
        return rows;
    }
}
