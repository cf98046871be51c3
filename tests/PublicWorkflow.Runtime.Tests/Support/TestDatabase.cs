using Npgsql;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.Runtime.Tests.Support;

/// <summary>
/// A fresh, empty database for one test fixture: a temporary SQLite file, or a new database on the PostgreSQL
/// server that tools/test.sh starts (its admin connection string is in PWF_TEST_POSTGRES).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PWF_TEST_POSTGRES";

    private readonly Func<Task> drop;

    private TestDatabase(DatabaseProvider provider, string connectionString, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.drop = drop;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        switch (provider)
        {
            case "sqlite":
                var file = Path.Combine(Path.GetTempPath(), $"pwf-test-{Guid.NewGuid():N}.db");
                return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", () =>
                {
                    SqliteFiles.Delete(file);
                    return Task.CompletedTask;
                });
            case "postgres":
                var admin = Environment.GetEnvironmentVariable(PostgresVariable);
                if (string.IsNullOrEmpty(admin))
                {
                    // Never skipped: the PostgreSQL suite is half of what the runtime promises.
                    Assert.Fail($"{PostgresVariable} is not set: run the tests with tools/test.sh, which starts a PostgreSQL server for them");
                }
                var name = $"pwf_test_{Guid.NewGuid():N}";
                await ExecuteAsync(admin!, $"CREATE DATABASE {name}");
                var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50 };
                return new TestDatabase(DatabaseProvider.Postgres, builder.ToString(), async () =>
                {
                    NpgsqlConnection.ClearAllPools();
                    await ExecuteAsync(admin!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                });
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "sqlite or postgres");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await drop();
}
