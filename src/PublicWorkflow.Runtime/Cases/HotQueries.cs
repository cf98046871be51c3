using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>A task with its case, read together.</summary>
internal sealed record TaskWithCaseRow(TaskRecord Task, CaseRecord Case);

/// <summary>A task with what a claim or release answers about its case.</summary>
internal sealed record TaskWithCaseStatusRow(TaskRecord Task, CaseStatus CaseStatus, int CaseRevision);

/// <summary>
/// The reads made on every request of the busiest kinds (commands on cases and tasks), compiled once
/// per model: EF then skips comparing and parameterising the query tree each time (measured: about a quarter of a
/// public tracking request's CPU time before). A compiled query serves one model only, hence one set per context type
/// (one per provider). Case and task reads are untracked, because commands write through <see cref="CaseWriter"/>.
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

    /// <summary>The task, tracked (claiming and releasing change only its row), with its case's status and revision.</summary>
    public Func<WorkflowDbContext, Guid, Task<TaskWithCaseStatusRow?>> TaskWithCaseStatus { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id) => db.Tasks.Where(t => t.Id == id)
            .Join(db.Cases, t => t.CaseId, c => c.Id, (t, c) => new TaskWithCaseStatusRow(t, c.Status, c.Revision)).SingleOrDefault());

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
