using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>
/// Whose inbox: the candidate groups the person works for (null: every group, e.g. a supervisor), the roles they hold,
/// and their name (a task given to them by name is theirs whatever its role).
/// </summary>
public sealed record InboxOwner(string UserName, IReadOnlyCollection<string>? Groups, IReadOnlyCollection<string> Roles);

/// <summary>Reads of tasks (a read model: it changes nothing).</summary>
public sealed class TaskViews(WorkflowDbContext db)
{
    /// <summary>
    /// Open and claimed tasks the owner may take or holds, soonest due first (tasks without a due time last), at most
    /// <paramref name="take"/>. Everyone's tasks when <see cref="InboxOwner.Groups"/> is null.
    /// </summary>
    public Task<List<TaskRecord>> InboxAsync(InboxOwner owner, int take, CancellationToken cancellationToken = default)
    {
        var query = db.Tasks.AsNoTracking().Where(t => t.State == TaskState.Open || t.State == TaskState.Claimed);
        if (owner.Groups is { } groups)
        {
            var roles = owner.Roles.ToList();
            var groupList = groups.ToList();
            query = query.Where(t => t.CandidateGroup != null && groupList.Contains(t.CandidateGroup)
                && (t.Assignee == owner.UserName || (t.Assignee == null && (t.CandidateRole == null || roles.Contains(t.CandidateRole)))));
        }
        return query.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<TaskRecord> TaskAsync(TaskId taskId, CancellationToken cancellationToken = default) =>
        await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId.Value, cancellationToken) ?? throw RuntimeException.NotFound("task", taskId);
}
