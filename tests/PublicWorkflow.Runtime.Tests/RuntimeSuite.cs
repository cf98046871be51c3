using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Runtime.Tests;

/// <summary>
/// The same integration tests run against SQLite and a real PostgreSQL server: every test gets a fresh database
/// and a started runtime host.
/// </summary>
public abstract class RuntimeSuite(string provider)
{
    protected string Provider { get; } = provider;
    protected TestDatabase Database { get; private set; } = null!;
    protected RuntimeHost Host { get; private set; } = null!;

    /// <summary>A suite that moves time itself gives its clock here.</summary>
    protected virtual TimeProvider? Clock => null;

    /// <summary>A suite that drives deadlines itself runs without the Hangfire server.</summary>
    protected virtual bool ProcessJobs => true;

    /// <summary>A suite's own registrations in the host.</summary>
    protected virtual void AddServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    [SetUp]
    public async Task StartAsync()
    {
        SwitchableHandler.Reset(broken: false);
        Database = await TestDatabase.CreateAsync(Provider);
        Host = await RuntimeHost.StartAsync(Database, ProcessJobs, Clock, AddServices);
    }

    [TearDown]
    public async Task StopAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    protected Task<CommandOutcome> StartCaseAsync(string key, object? variables = null, string? idempotencyKey = null) =>
        Host.RuntimeAsync(r => r.StartCaseAsync(key, Vars(variables), "clerk-a", idempotencyKey));

    protected Task<CommandOutcome> CompleteAsync(Guid taskId, object? outputs = null, string actor = "clerk-a", string? idempotencyKey = null) =>
        Host.RuntimeAsync(r => r.CompleteTaskAsync(new TaskId(taskId), Vars(outputs), actor, idempotencyKey));

    protected Task<TaskRecord> OpenTaskAsync(CaseId caseId, string elementId) =>
        Host.DbAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.CaseId == caseId.Value && t.ElementId == elementId && (t.State == TaskState.Open || t.State == TaskState.Claimed)));

    protected Task<CaseRecord> CaseAsync(CaseId caseId) => Host.DbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId.Value));

    protected static IReadOnlyDictionary<string, JsonElement>? Vars(object? values) =>
        values is null ? null : JsonSerializer.SerializeToElement(values).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    /// <summary>Replaces the running host by a new one on the same database, as a restart would.</summary>
    protected async Task RestartAsync(bool processJobs = true)
    {
        await Host.DisposeAsync();
        Host = await RuntimeHost.StartAsync(Database, processJobs, Clock, AddServices);
    }
}
