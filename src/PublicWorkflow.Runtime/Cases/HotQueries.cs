using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>A task with its case, read together.</summary>
internal sealed record TaskWithCaseRow(TaskRecord Task, CaseRecord Case);

/// <summary>
/// The reads every command makes, compiled once per model: EF then skips translating the query each time (measured:
/// a noticeable share of a command). A compiled query serves one model only, hence one set per context type (one per
/// provider). Untracked, because commands write through <see cref="CaseWriter"/>.
/// </summary>
internal sealed class HotQueries
{
    private static readonly ConcurrentDictionary<Type, HotQueries> PerModel = new();

    public static HotQueries For(WorkflowDbContext db) => PerModel.GetOrAdd(db.GetType(), _ => new HotQueries());

    public Func<WorkflowDbContext, Guid, Task<CaseRecord?>> Case { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id) => db.Cases.AsNoTracking().SingleOrDefault(c => c.Id == id));

    public Func<WorkflowDbContext, Guid, Task<TaskWithCaseRow?>> TaskWithCase { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id) => db.Tasks.AsNoTracking().Where(t => t.Id == id)
            .Join(db.Cases.AsNoTracking(), t => t.CaseId, c => c.Id, (t, c) => new TaskWithCaseRow(t, c)).SingleOrDefault());

    /// <summary>The latest published version's identity, without its BPMN text: starting a case needs only which version it is.</summary>
    public Func<WorkflowDbContext, string, Task<DefinitionRecord?>> LatestPublished { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, string key) => db.Definitions.AsNoTracking()
            .Where(d => d.Key == key && d.Status == DefinitionStatus.Published).OrderByDescending(d => d.Version)
            .Select(d => new DefinitionRecord
            {
                Id = d.Id, Key = d.Key, Version = d.Version, Status = d.Status, BpmnXml = "", ContentHash = d.ContentHash, ProcessName = d.ProcessName,
                CreatedAt = d.CreatedAt, PublishedBy = d.PublishedBy, PublishedAt = d.PublishedAt,
            })
            .FirstOrDefault());
}
