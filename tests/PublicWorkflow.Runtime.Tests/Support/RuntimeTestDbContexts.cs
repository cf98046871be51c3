using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.Runtime.Tests.Support;

// The runtime is tested on its own tables alone, made from its model: no application sits on top of it here, so
// there are no migrations either (the application's migrations are tested where they live, in OneStop.Tests).

public sealed class SqliteRuntimeDbContext(DbContextOptions<SqliteRuntimeDbContext> options) : WorkflowDbContext(options);

public sealed class PostgresRuntimeDbContext(DbContextOptions<PostgresRuntimeDbContext> options) : WorkflowDbContext(options);

/// <summary>
/// Creates the runtime's tables in the test's fresh database before the runtime starts; a restart finds them there.
/// (EnsureCreated would see Hangfire's tables in the PostgreSQL database and create nothing.)
/// </summary>
internal sealed class RuntimeSchema(IServiceScopeFactory scopes) : IHostedService
{
    private static readonly ConcurrentDictionary<string, bool> Created = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Database;
        if (Created.TryAdd(database.GetConnectionString()!, true))
        {
            await database.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
