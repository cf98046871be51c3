using Microsoft.EntityFrameworkCore;

namespace PublicWorkflow.Runtime.Persistence;

/// <summary>
/// A database-wide lock that nodes starting together take in turn, so one migrates an empty database while the other
/// waits (EF's own migration lock let two nodes both create the first tables on PostgreSQL). It is a session lock on the
/// context's open connection, released when disposed or when the connection closes. SQLite needs none: one file, one node.
/// </summary>
internal sealed class StartupLock : IAsyncDisposable
{
    // Any fixed number: only PublicWorkflow nodes take it.
    private const long PostgresKey = 0x5057_4653_7461_7274; // "PWFStart"
    private const string SqlServerResource = "publicworkflow-startup";

    private readonly WorkflowDbContext db;
    private readonly DatabaseProvider provider;

    private StartupLock(WorkflowDbContext db, DatabaseProvider provider)
    {
        this.db = db;
        this.provider = provider;
    }

    public static async Task<StartupLock> AcquireAsync(WorkflowDbContext db, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({PostgresKey})", cancellationToken);
                break;
            case DatabaseProvider.SqlServer:
                await db.Database.ExecuteSqlRawAsync(
                    $"EXEC sp_getapplock @Resource = '{SqlServerResource}', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1", cancellationToken);
                break;
        }
        return new StartupLock(db, provider);
    }

    public async ValueTask DisposeAsync()
    {
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({PostgresKey})");
                break;
            case DatabaseProvider.SqlServer:
                await db.Database.ExecuteSqlRawAsync($"EXEC sp_releaseapplock @Resource = '{SqlServerResource}', @LockOwner = 'Session'");
                break;
        }
        await db.Database.CloseConnectionAsync();
    }
}
