using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Definitions;
using PublicWorkflow.Runtime.Handlers;
using PublicWorkflow.Runtime.Jobs;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.Runtime;

/// <summary>The runtime's one composition path: database, engine, jobs, handlers.</summary>
public static class RuntimeComposition
{
    /// <summary>
    /// Registers the runtime on the application's database context, one subclass of <see cref="WorkflowDbContext"/>
    /// per provider (each carries that provider's migrations). <paramref name="contentRoot"/> anchors a relative SQLite
    /// file; the caller registers the <see cref="WorkingCalendar"/> (it knows where its file is).
    /// </summary>
    public static IServiceCollection AddPublicWorkflowRuntime<TSqlite, TPostgres, TSqlServer>(this IServiceCollection services, IConfiguration configuration,
        string contentRoot)
        where TSqlite : WorkflowDbContext
        where TPostgres : WorkflowDbContext
        where TSqlServer : WorkflowDbContext
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var runtime = configuration.GetSection(RuntimeOptions.Section).Get<RuntimeOptions>() ?? new RuntimeOptions();
        var connectionString = database.Provider switch
        {
            DatabaseProvider.Sqlite => SqliteUnder(contentRoot, database.ConnectionString),
            DatabaseProvider.Postgres => PostgresTuned(database.ConnectionString),
            _ => database.ConnectionString,
        };
        database.ConnectionString = connectionString;
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(database));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(runtime));

        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContextPool<WorkflowDbContext, TSqlite>(o => DatabaseOptions.Configure(o, database.Provider, connectionString));
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContextPool<WorkflowDbContext, TPostgres>(o => DatabaseOptions.Configure(o, database.Provider, connectionString));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextPool<WorkflowDbContext, TSqlServer>(o => DatabaseOptions.Configure(o, database.Provider, connectionString));
                break;
        }

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DefinitionCache>();
        services.AddSingleton(provider => new Interpreter(provider.GetRequiredService<WorkingCalendar>()));
        services.AddScoped<DefinitionStore>();
        services.AddScoped<CaseRuntime>();
        services.AddScoped<CaseViews>();
        services.AddScoped<TaskViews>();
        services.AddScoped<TaskClaims>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<HandlerRegistry>();
        services.AddScoped<CaseJobs>();
        services.AddScoped<HandlerJob>();
        services.AddScoped<TimerSweepJob>();
        services.AddScoped<LongDueWorkJob>();

        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            switch (database.Provider)
            {
                case DatabaseProvider.Sqlite when SqliteJobsFile(connectionString) is { } jobs:
                    // Beside the database file: a single node keeps its scheduled jobs across a restart.
                    config.UseSQLiteStorage(jobs, new Hangfire.Storage.SQLite.SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
                    break;
                case DatabaseProvider.Sqlite:
                    config.UseInMemoryStorage();
                    break;
                case DatabaseProvider.Postgres:
                    config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
                    {
                        SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1),
                        // A node killed mid-job (bench faults) leaves its job fetched and its locks held. By default the job
                        // comes back after 30 minutes and the sweep's lock after 10, so no deadline was raised for 10
                        // minutes. A live node's jobs keep their hold (sliding); a dead node's come back within minutes;
                        // a lock older than a minute is taken over, which the sweep allows: each timer, deadline and
                        // message is claimed under its own row's concurrency token.
                        UseSlidingInvisibilityTimeout = true, InvisibilityTimeout = TimeSpan.FromMinutes(2),
                        DistributedLockTimeout = TimeSpan.FromMinutes(1),
                    });
                    break;
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(connectionString, new SqlServerStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true });
                    break;
            }
        });
        // Registered before the Hangfire server so the database is migrated before any job runs.
        services.AddHostedService<RuntimeStartup>();
        if (runtime.ProcessJobs)
        {
            services.AddHangfireServer(options =>
            {
                options.SchedulePollingInterval = runtime.SchedulePollingInterval;
                options.WorkerCount = runtime.WorkerCount;
            });
        }
        return services;
    }

    /// <summary>In-memory Hangfire storage (used with an in-memory SQLite database) starts empty after a restart; our tables do not.</summary>
    public static bool HangfireForgetsOnRestart(DatabaseProvider provider, string connectionString) =>
        provider == DatabaseProvider.Sqlite && SqliteJobsFile(connectionString) is null;

    /// <summary>
    /// Where Hangfire keeps its jobs for a SQLite database: a file beside it (<c>data/publicworkflow.db</c> →
    /// <c>data/publicworkflow-jobs.db</c>), so a restart finds them; none for an in-memory database. Our timer table stays
    /// the source of truth: the sweep fires whatever is due whatever Hangfire remembers.
    /// </summary>
    public static string? SqliteJobsFile(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        return builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:"
            ? null
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) ?? ".", Path.GetFileNameWithoutExtension(builder.DataSource) + "-jobs.db");
    }

    /// <summary>
    /// Npgsql settings that suit a runtime issuing the same few statements all day, unless the operator set them:
    /// prepared statements for repeated SQL, and no session reset when a pooled connection is reused (no session
    /// state is ever changed). Measured: about a third less time per command.
    /// </summary>
    private static string PostgresTuned(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ToString();
    }

    /// <summary>A relative SQLite file lives under the content root; its folder is created if missing.</summary>
    private static string SqliteUnder(string contentRoot, string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not (":memory:" or "") && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }
        if (builder.DataSource is not (":memory:" or "") && Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        return builder.ToString();
    }
}
