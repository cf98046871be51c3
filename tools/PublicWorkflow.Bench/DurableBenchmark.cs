using PublicWorkflow.OneStop;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime.Definitions;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Bench;

/// <summary>
/// The durable runtime against a real database: workers drive cases of a six-step one-stop procedure through
/// <see cref="CaseRuntime"/> (start, then complete each task: every command one transaction). In the same run,
/// on the same database and with the same workers, a bare single-row insert-and-commit loop gives the
/// database's own commit rate; the ratio says how close the runtime comes to it.
/// </summary>
internal static class DurableBenchmark
{
    /// <summary>Start, six human steps, end: the shape the peers scenario measures everywhere.</summary>
    internal const string Procedure = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:pwf="urn:publicworkflow:bpmn:1.0" id="D">
          <process id="bench-one-stop" isExecutable="true">
            <startEvent id="start" />
            <userTask id="receive" pwf:candidateRole="reception-clerk" pwf:level="commune" pwf:timeLimit="4" pwf:timeLimitUnit="workingHours" />
            <userTask id="digitize" pwf:candidateRole="reception-clerk" pwf:level="commune" pwf:timeLimit="0" />
            <userTask id="verify" pwf:candidateRole="officer" pwf:level="commune" pwf:timeLimit="1" />
            <userTask id="appraise" pwf:candidateRole="officer" pwf:level="commune" pwf:timeLimit="1" />
            <userTask id="approve" pwf:candidateRole="chairman" pwf:level="commune" pwf:timeLimit="1" />
            <userTask id="return" pwf:candidateRole="reception-clerk" pwf:level="commune" pwf:timeLimit="0" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="receive" />
            <sequenceFlow id="f2" sourceRef="receive" targetRef="digitize" />
            <sequenceFlow id="f3" sourceRef="digitize" targetRef="verify" />
            <sequenceFlow id="f4" sourceRef="verify" targetRef="appraise" />
            <sequenceFlow id="f5" sourceRef="appraise" targetRef="approve" />
            <sequenceFlow id="f6" sourceRef="approve" targetRef="return" />
            <sequenceFlow id="f7" sourceRef="return" targetRef="end" />
          </process>
        </definitions>
        """;

    public static async Task<BenchLine> RunAsync(DatabaseProvider provider, string connectionString, int workers, TimeSpan duration)
    {
        using var host = BuildHost(provider, connectionString);
        await host.StartAsync();
        try
        {
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DefinitionStore>().PublishAsync("bench-one-stop", Procedure, "bench");
            }

            // Warm-up: JIT, connection pools, the definition cache.
            await DriveAsync(host.Services, workers, TimeSpan.FromSeconds(2));
            var (commands, latencies, elapsed) = await DriveAsync(host.Services, workers, duration);
            var raw = await RawCommitsPerSecondAsync(provider, host.Services, workers, duration);
            var shape = await WriteSetShapeAsync(host.Services, commands);
            var writeSets = await WriteSetsPerSecondAsync(provider, host.Services, workers, duration, shape);

            latencies.Sort();
            var perSecond = commands / elapsed.TotalSeconds;
            return new BenchLine(new Dictionary<string, object>
            {
                ["scenario"] = "durable",
                ["provider"] = provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
                ["workers"] = workers,
                ["commands"] = commands,
                ["commands_per_s"] = BenchLine.Round(perSecond),
                ["p50_ms"] = Math.Round(Measure.Percentile(latencies, 0.50), 2),
                ["p99_ms"] = Math.Round(Measure.Percentile(latencies, 0.99), 2),
                ["raw_commits_per_s"] = BenchLine.Round(raw),
                ["ratio"] = Math.Round(perSecond / raw, 3),
                ["write_set"] = $"case update guarded by revision, task update, task insert, {shape.AuditLines} audit line(s); state {shape.StateBytes} B",
                ["write_sets_per_s"] = BenchLine.Round(writeSets),
                ["write_set_ratio"] = Math.Round(perSecond / writeSets, 3),
            });
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IHost BuildHost(DatabaseProvider provider, string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
            // No job runs in this procedure; a Hangfire server would only poll the database beside the measurement.
            ["Runtime:ProcessJobs"] = "false",
        });
        builder.Services.AddSingleton(WorkingCalendar.BuiltIn);
        // Bare cases, no dossiers: the lifecycle layer has nothing to do but is present, as in the server.
        builder.Services.AddSingleton(ProcedureCatalog.Empty);
        builder.Services.AddOneStop(builder.Configuration, Path.GetTempPath());
        return builder.Build();
    }

    private static async Task<(long Commands, List<double> LatenciesMs, TimeSpan Elapsed)> DriveAsync(IServiceProvider services, int workers, TimeSpan duration)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var perWorker = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await using var scope = services.CreateAsyncScope();
                var runtime = scope.ServiceProvider.GetRequiredService<CaseRuntime>();
                var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
                var outcome = await TimedAsync(latencies, () => runtime.StartCaseAsync("bench-one-stop", null, "clerk"));
                while (outcome.OpenedTasks.Count > 0)
                {
                    var task = outcome.OpenedTasks[0];
                    db.ChangeTracker.Clear();
                    outcome = await TimedAsync(latencies, () => runtime.CompleteTaskAsync(task, null, "clerk"));
                }
            }
            return latencies;
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = perWorker.SelectMany(l => l).ToList();
        return (all.Count, all, elapsed);
    }

    private static async Task<CommandOutcome> TimedAsync(List<double> latencies, Func<Task<CommandOutcome>> command)
    {
        var start = Stopwatch.GetTimestamp();
        var outcome = await command();
        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return outcome;
    }

    /// <summary>Single-row INSERT, each its own commit, on the same database with the same number of workers.</summary>
    private static async Task<double> RawCommitsPerSecondAsync(DatabaseProvider provider, IServiceProvider services, int workers, TimeSpan duration)
    {
        string connectionString;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            connectionString = db.Database.GetConnectionString()!;
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Postgres
                ? "CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, payload text NOT NULL)"
                : "CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL)");
        }
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            await using DbConnection connection = provider == DatabaseProvider.Postgres
                ? new NpgsqlConnection(connectionString)
                : new SqliteConnection(connectionString);
            await connection.OpenAsync();
            if (provider == DatabaseProvider.Sqlite)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA busy_timeout=30000;";
                await pragma.ExecuteNonQueryAsync();
            }
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO bench_raw (payload) VALUES ('case-state')";
            long count = 0;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await insert.ExecuteNonQueryAsync();
                count++;
            }
            return count;
        })));
        return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>What one command of the run wrote, on average, read back from the run's own rows: the case state's size and the audit lines per command.</summary>
    private sealed record WriteSetShape(int StateBytes, int AuditLines);

    private static async Task<WriteSetShape> WriteSetShapeAsync(IServiceProvider services, long commands)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var states = await db.Cases.AsNoTracking().OrderByDescending(c => c.UpdatedAt).Take(200).Select(c => c.StateJson).ToListAsync();
        var audit = await db.Audit.LongCountAsync();
        var allCommands = await db.Tasks.LongCountAsync() + await db.Cases.LongCountAsync();
        return new WriteSetShape(states.Count == 0 ? 1000 : (int)states.Average(s => s.Length), (int)Math.Max(1, Math.Round((double)audit / Math.Max(1, allCommands))));
    }

    /// <summary>
    /// Bare transactions writing what one command writes — the case row updated where its revision is still the one
    /// read, the finished task's row updated, the next task's row inserted, the audit lines inserted — in one commit,
    /// on tables of the same shape in the same database, each worker on its own case: the floor a runtime command
    /// could reach without reading, deciding or mapping anything.
    /// </summary>
    private static async Task<double> WriteSetsPerSecondAsync(DatabaseProvider provider, IServiceProvider services, int workers, TimeSpan duration, WriteSetShape shape)
    {
        string connectionString;
        var postgres = provider == DatabaseProvider.Postgres;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            connectionString = db.Database.GetConnectionString()!;
            foreach (var ddl in postgres
                         ? new[]
                         {
                             "CREATE TABLE IF NOT EXISTS bench_ws_cases (id uuid PRIMARY KEY, state text NOT NULL, revision int NOT NULL, updated_at timestamptz NOT NULL)",
                             "CREATE TABLE IF NOT EXISTS bench_ws_tasks (id uuid PRIMARY KEY, case_id uuid NOT NULL, element text NOT NULL, state int NOT NULL, created_at timestamptz NOT NULL, completed_at timestamptz)",
                             "CREATE INDEX IF NOT EXISTS bench_ws_tasks_case ON bench_ws_tasks (case_id, state)",
                             "CREATE TABLE IF NOT EXISTS bench_ws_audit (id bigserial PRIMARY KEY, case_id uuid NOT NULL, at timestamptz NOT NULL, kind text NOT NULL, detail text NOT NULL)",
                             "CREATE INDEX IF NOT EXISTS bench_ws_audit_case ON bench_ws_audit (case_id)",
                         }
                         : new[]
                         {
                             "CREATE TABLE IF NOT EXISTS bench_ws_cases (id TEXT PRIMARY KEY, state TEXT NOT NULL, revision INTEGER NOT NULL, updated_at TEXT NOT NULL)",
                             "CREATE TABLE IF NOT EXISTS bench_ws_tasks (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, element TEXT NOT NULL, state INTEGER NOT NULL, created_at TEXT NOT NULL, completed_at TEXT)",
                             "CREATE INDEX IF NOT EXISTS bench_ws_tasks_case ON bench_ws_tasks (case_id, state)",
                             "CREATE TABLE IF NOT EXISTS bench_ws_audit (id INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL)",
                             "CREATE INDEX IF NOT EXISTS bench_ws_audit_case ON bench_ws_audit (case_id)",
                         })
            {
                await db.Database.ExecuteSqlRawAsync(ddl);
            }
        }
        var state = new string('s', shape.StateBytes);
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
            await connection.OpenAsync();
            if (!postgres)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA busy_timeout=30000;";
                await pragma.ExecuteNonQueryAsync();
            }
            var caseId = Guid.NewGuid();
            var taskId = Guid.NewGuid();
            var revision = 0;
            await ExecuteAsync(connection, null, "INSERT INTO bench_ws_cases (id, state, revision, updated_at) VALUES (@id, @state, 0, @now)",
                ("id", caseId), ("state", state), ("now", DateTime.UtcNow));
            await ExecuteAsync(connection, null, "INSERT INTO bench_ws_tasks (id, case_id, element, state, created_at) VALUES (@id, @case, 'receive', 0, @now)",
                ("id", taskId), ("case", caseId), ("now", DateTime.UtcNow));
            long count = 0;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                var now = DateTime.UtcNow;
                var updated = await ExecuteAsync(connection, transaction, "UPDATE bench_ws_cases SET state = @state, revision = revision + 1, updated_at = @now WHERE id = @id AND revision = @revision",
                    ("state", state), ("now", now), ("id", caseId), ("revision", revision));
                if (updated != 1)
                {
                    throw new InvalidOperationException("the write-set baseline lost its own case row");
                }
                await ExecuteAsync(connection, transaction, "UPDATE bench_ws_tasks SET state = 2, completed_at = @now WHERE id = @id", ("now", now), ("id", taskId));
                var next = Guid.NewGuid();
                await ExecuteAsync(connection, transaction, "INSERT INTO bench_ws_tasks (id, case_id, element, state, created_at) VALUES (@id, @case, 'next', 0, @now)",
                    ("id", next), ("case", caseId), ("now", now));
                for (var i = 0; i < shape.AuditLines; i++)
                {
                    await ExecuteAsync(connection, transaction, "INSERT INTO bench_ws_audit (case_id, at, kind, detail) VALUES (@case, @now, 'task-completed', 'bench')",
                        ("case", caseId), ("now", now));
                }
                await transaction.CommitAsync();
                revision++;
                taskId = next;
                count++;
            }
            return count;
        })));
        return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value is Guid id && connection is SqliteConnection ? id.ToString() : value;
            command.Parameters.Add(parameter);
        }
        return await command.ExecuteNonQueryAsync();
    }

}
