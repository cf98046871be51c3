using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace PublicWorkflow.Bench;

/// <summary>
/// Two server nodes on one PostgreSQL database, 64 workers stepping dossiers through them as clerks do (receive, then
/// claim and complete each step; every command with its own Idempotency-Key, repeated with that key on the other node
/// when a node does not answer), one node killed with SIGKILL at random moments and restarted, and time passing for
/// the dossiers' step deadlines (the bench makes some of them due; the nodes' sweeps raise them). Then, optionally,
/// PostgreSQL itself stops for a while under the same load. Afterwards the database is read back: every acknowledged
/// command must be found (lost = 0), no request may have taken effect twice (duplicated = 0), and every deadline made
/// due must have been raised or dropped as done exactly once (fired twice = 0).
/// </summary>
internal static class FaultsBenchmark
{
    /// <summary>Who does each step of the shared one-stop workflow: the branch, then the commune three times, then the branch.</summary>
    private static readonly bool[] AtBranch = [true, false, false, false, true];

    /// <summary>Of the dossiers received, this share stops after the first commune step and waits: their deadlines are the ones that get raised.</summary>
    private const double Parked = 0.25;

    private const int ParkAfter = 2;

    /// <summary>
    /// Receptions in one run: all at one commune (the demo data has clerks at one), whose codes of a day run to 9,999.
    /// Once they are used up, workers carry parked dossiers on to their return.
    /// </summary>
    private const int ReceptionBudget = 9_000;

    /// <summary>How long one command is repeated (same key, either node) before the worker gives it up and counts it unanswered.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(120);

    public sealed record Outage(string HaltCommand, string ResumeCommand, TimeSpan Length);

    public static async Task<List<BenchLine>> RunAsync(string serverConnection, int kills, int workers, TimeSpan duration, Outage? outage)
    {
        await using var database = await ServerProcess.CreateDatabaseAsync(serverConnection, "pwf_bench_faults");
        var keys = Directory.CreateTempSubdirectory("pwf-bench-keys-");
        var settings = new Dictionary<string, string>
        {
            // One key ring for both nodes, as README "Running several nodes" asks.
            ["PublicWorkflow__DataProtectionKeysFolder"] = keys.FullName,
            // The sweep that raises due deadlines every 2 s rather than 30 s, so a short run sees them raised.
            ["Runtime__SweepCron"] = "*/2 * * * * *",
        };
        var nodes = new[] { new Node(database.Connection, settings), new Node(database.Connection, settings) };
        try
        {
            // One after the other: the first migrates and seeds, the second finds it done.
            foreach (var node in nodes)
            {
                await node.StartAsync();
            }
            var run = new Run(nodes,
                await ServerProcess.TokenAsync(nodes[0].Http, "clerk.cn01", "clerk-demo-2026"),
                await ServerProcess.TokenAsync(nodes[0].Http, "clerk.hoankiem", "clerk-demo-2026"));
            var lines = new List<BenchLine>();

            var stop = new CancellationTokenSource();
            var drivers = Enumerable.Range(0, workers).Select(_ => Task.Run(() => run.WorkerAsync(stop.Token))).ToList();
            var clock = Task.Run(() => MakeDeadlinesDueAsync(database.Connection, run, stop.Token));
            var started = Stopwatch.GetTimestamp();
            var restarts = await KillAndRestartAsync(nodes, kills, duration);
            var killPhase = Stopwatch.GetElapsedTime(started);
            if (outage is null)
            {
                await stop.CancelAsync();
                await Task.WhenAll(drivers.Append(clock));
            }
            var settled = await SettleAsync(database.Connection, run);
            var kill = await VerifyAsync(database.Connection, run);
            kill["scenario"] = "faults-kill";
            kill["nodes"] = nodes.Length;
            kill["workers"] = workers;
            kill["kills"] = restarts.Count;
            kill["seconds"] = Math.Round(killPhase.TotalSeconds, 1);
            kill["restart_to_healthy_s_max"] = restarts.Count == 0 ? 0 : Math.Round(restarts.Max(), 2);
            kill["deadlines_settled_s"] = Math.Round(settled.TotalSeconds, 1);
            kill["retried_attempts"] = run.Retries;
            kill["unanswered_commands"] = run.Unanswered;
            kill["refused_commands"] = run.Refused;
            lines.Add(new BenchLine(kill));

            if (outage is not null)
            {
                var (statuses, slowest, recovered) = await OutageAsync(run, outage);
                await stop.CancelAsync();
                await Task.WhenAll(drivers.Append(clock));
                await SettleAsync(database.Connection, run);
                var after = await VerifyAsync(database.Connection, run);
                after["scenario"] = "faults-database-outage";
                after["outage_s"] = outage.Length.TotalSeconds;
                after["answers_during_outage"] = statuses;
                after["slowest_answer_during_outage_ms"] = Math.Round(slowest, 1);
                after["recovered_after_s"] = recovered is { } r ? Math.Round(r.TotalSeconds, 2) : -1;
                after["unanswered_commands"] = run.Unanswered;
                after["refused_commands"] = run.Refused;
                lines.Add(new BenchLine(after));
            }
            return lines;
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
            keys.Delete(recursive: true);
        }
    }

    /// <summary>Kills a random node at random moments spread over the duration (SIGKILL: no shutdown code runs), restarts it at once; returns each restart's time to healthy.</summary>
    private static async Task<List<double>> KillAndRestartAsync(Node[] nodes, int kills, TimeSpan duration)
    {
        var restarts = new List<double>();
        var gap = duration / Math.Max(1, kills);
        for (var i = 0; i < kills; i++)
        {
            await Task.Delay(gap * (0.5 + Random.Shared.NextDouble()));
            var node = nodes[Random.Shared.Next(nodes.Length)];
            node.Kill();
            var restart = Stopwatch.GetTimestamp();
            await node.StartAsync();
            restarts.Add(Stopwatch.GetElapsedTime(restart).TotalSeconds);
        }
        return restarts;
    }

    /// <summary>
    /// Time passing: every second, a few pending step deadlines become due now (the bench moves their due time; the
    /// rest of each row is the server's). Their ids are kept to check each was handled exactly once.
    /// </summary>
    private static async Task MakeDeadlinesDueAsync(string connection, Run run, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
                await using var db = new NpgsqlConnection(connection);
                await db.OpenAsync(stop);
                await using var command = new NpgsqlCommand("""
                    UPDATE dossier_deadlines SET "DueAt" = now() WHERE "Id" IN (
                        SELECT "Id" FROM dossier_deadlines WHERE "State" = 'Pending' AND "Kind" = 'StepOverdue' AND "DueAt" > now() ORDER BY random() LIMIT 8)
                    RETURNING "Id"
                    """, db);
                await using var reader = await command.ExecuteReaderAsync(stop);
                while (await reader.ReadAsync(stop))
                {
                    run.DueDeadlines.Add(reader.GetGuid(0));
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (NpgsqlException)
            {
                // The database is down (the outage): time goes on without it.
            }
        }
    }

    /// <summary>Waits (both nodes up) until no deadline made due is still pending, at most two minutes.</summary>
    private static async Task<TimeSpan> SettleAsync(string connection, Run run)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(2))
        {
            if (await ScalarAsync(connection, """SELECT count(*) FROM dossier_deadlines WHERE "State" = 'Pending' AND "Id" = ANY(@ids)""", run.DueDeadlines.ToArray()) == 0)
            {
                break;
            }
            await Task.Delay(500);
        }
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Reads the database back against what the workers were told.</summary>
    private static async Task<Dictionary<string, object>> VerifyAsync(string connection, Run run)
    {
        var received = run.Received.ToArray();
        var completed = run.Completed.ToArray();
        var due = run.DueDeadlines.ToArray();
        var receivedFound = await ScalarAsync(connection, """SELECT count(DISTINCT "ApplicantIdNumber") FROM dossiers WHERE "ApplicantIdNumber" = ANY(@ids)""", received);
        var completedFound = await ScalarAsync(connection, """SELECT count(*) FROM tasks WHERE "State" = 'Completed' AND "Id" = ANY(@ids)""", completed);
        var receivedTwice = await ScalarAsync(connection, """SELECT count(*) FROM (SELECT 1 FROM dossiers WHERE "ApplicantIdNumber" IS NOT NULL GROUP BY "ApplicantIdNumber" HAVING count(*) > 1) x""");
        var stepTwice = await ScalarAsync(connection, """SELECT count(*) FROM (SELECT 1 FROM tasks WHERE "State" = 'Completed' GROUP BY "CaseId", "ElementId" HAVING count(*) > 1) x""");
        var stepOpenTwice = await ScalarAsync(connection, """SELECT count(*) FROM (SELECT 1 FROM tasks WHERE "State" IN ('Open', 'Claimed') GROUP BY "CaseId" HAVING count(*) > 1) x""");
        var raised = await ScalarAsync(connection, """SELECT count(*) FROM dossier_deadlines WHERE "State" = 'Raised' AND "Id" = ANY(@ids)""", due);
        var dropped = await ScalarAsync(connection, """SELECT count(*) FROM dossier_deadlines WHERE "State" = 'Cancelled' AND "Id" = ANY(@ids)""", due);
        var pending = await ScalarAsync(connection, """SELECT count(*) FROM dossier_deadlines WHERE "State" = 'Pending' AND "Id" = ANY(@ids)""", due);
        // Raising a step deadline schedules the supervisor's one: two of them for one step would be the deadline fired twice.
        var firedTwice = await ScalarAsync(connection, """
            SELECT count(*) FROM (SELECT 1 FROM dossier_deadlines WHERE "Kind" = 'StepOverdueSupervisor' GROUP BY "DossierId", "TaskId" HAVING count(*) > 1) x
            """);
        var incidents = await ScalarAsync(connection, "SELECT count(*) FROM incidents");
        return new Dictionary<string, object>
        {
            ["commands_acknowledged"] = received.Length + completed.Length + run.Claimed,
            ["receptions_acknowledged"] = received.Length,
            ["receptions_found"] = receivedFound,
            ["completions_acknowledged"] = completed.Length,
            ["completions_found"] = completedFound,
            ["lost"] = received.Length - receivedFound + completed.Length - completedFound,
            ["duplicated"] = receivedTwice + stepTwice + stepOpenTwice,
            ["timers_due"] = due.Length,
            ["timers_raised"] = raised,
            ["timers_dropped_as_done"] = dropped,
            ["timers_never_fired"] = pending,
            ["timers_fired_twice"] = firedTwice,
            ["incidents"] = incidents,
        };
    }

    private static async Task<long> ScalarAsync(string connection, string sql, Array? ids = null)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        if (ids is not null)
        {
            command.Parameters.AddWithValue("ids", ids);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>
    /// Stops PostgreSQL for the outage's length under the running load, then starts it again. Returns how the nodes
    /// answered meanwhile (status and whether Retry-After came with it), the slowest answer, and how long after the
    /// restart the first command succeeded again.
    /// </summary>
    private static async Task<(Dictionary<string, long> Statuses, double SlowestMs, TimeSpan? Recovered)> OutageAsync(Run run, Outage outage)
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        await ShellAsync(outage.HaltCommand);
        run.Watch(true);
        var probe = run.ProbeAsync(DateTime.UtcNow + outage.Length, outage.Length + TimeSpan.FromSeconds(90));
        await Task.Delay(outage.Length);
        run.Watch(false);
        // Counted from the moment PostgreSQL is told to start: its own start-up is part of the recovery.
        var resuming = DateTime.UtcNow;
        await ShellAsync(outage.ResumeCommand);
        var recovered = await probe;
        await Task.Delay(TimeSpan.FromSeconds(5));
        return (run.OutageStatuses.ToDictionary(), run.OutageSlowestMs, recovered is { } at ? at - resuming : null);
    }

    private static async Task ShellAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { WorkingDirectory = ServerProcess.RepositoryRoot() })
            ?? throw new InvalidOperationException($"could not run '{command}'");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}");
        }
    }

    /// <summary>One server process that can be killed and started again on the same port.</summary>
    private sealed class Node(string connection, IReadOnlyDictionary<string, string> settings) : IDisposable
    {
        private readonly int port = ServerProcess.FreePort();
        private Process? process;

        public HttpClient Http { get; } = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

        public async Task StartAsync()
        {
            Http.BaseAddress ??= new Uri($"http://127.0.0.1:{port}");
            process = ServerProcess.Start(connection, port, settings);
            await ServerProcess.WaitForHealthAsync(Http, process, TimeSpan.FromMinutes(2));
        }

        public void Kill()
        {
            process?.Kill(entireProcessTree: true);
            process?.WaitForExit();
            process?.Dispose();
            process = null;
        }

        public void Dispose()
        {
            Kill();
            Http.Dispose();
        }
    }

    /// <summary>What the workers were told: the acknowledged commands, and how the nodes answered during an outage.</summary>
    private sealed class Run(Node[] nodes, string branch, string commune)
    {
        private long idNumbers = 100_000_000_000L + Random.Shared.Next(1_000_000) * 100_000L;
        private long retries;
        private long unanswered;
        private long refused;
        private long claimed;
        private long receptionsLeft = ReceptionBudget;
        private readonly ConcurrentQueue<(string Task, int Step)> parked = new();
        private volatile bool watching;

        /// <summary>The applicant ID numbers of acknowledged receptions: each names one request, so two dossiers with one are a duplicate.</summary>
        public ConcurrentBag<string> Received { get; } = [];

        public ConcurrentBag<Guid> Completed { get; } = [];
        public ConcurrentBag<Guid> DueDeadlines { get; } = [];
        public ConcurrentDictionary<string, long> OutageStatuses { get; } = new();
        private readonly Lock slowestLock = new();
        public double OutageSlowestMs { get; private set; }
        public long Retries => Interlocked.Read(ref retries);
        public long Unanswered => Interlocked.Read(ref unanswered);
        public long Refused => Interlocked.Read(ref refused);
        public long Claimed => Interlocked.Read(ref claimed);

        public void Watch(bool on) => watching = on;

        public async Task WorkerAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                if (Interlocked.Decrement(ref receptionsLeft) >= 0)
                {
                    await ReceiveAndStepAsync(stop);
                }
                else if (parked.TryDequeue(out var waiting))
                {
                    await StepAsync(waiting.Task, waiting.Step, AtBranch.Length, stop);
                }
                else
                {
                    await Task.Delay(200, CancellationToken.None);
                }
            }
        }

        private async Task ReceiveAndStepAsync(CancellationToken stop)
        {
            var idNumber = Interlocked.Increment(ref idNumbers).ToString("D12");
            var received = await CommandAsync("/api/v1/dossiers", branch, new
            {
                procedureCode = "1.004873",
                locality = "P.HOANKIEM",
                applicant = new { fullName = "Người dân thử lỗi", idNumber },
                documents = new[] { new { id = "declaration" } },
            });
            if (received is not { } r)
            {
                return;
            }
            Received.Add(idNumber);
            var task = r.GetProperty("openedTasks")[0].GetString()!;
            if (Random.Shared.NextDouble() < Parked)
            {
                await StepAsync(task, 0, ParkAfter, stop);
            }
            else
            {
                await StepAsync(task, 0, AtBranch.Length, stop);
            }
        }

        /// <summary>Claims and completes the dossier's steps from <paramref name="step"/> up to (not including) <paramref name="until"/>; a dossier parked there waits for a worker with no receptions left.</summary>
        private async Task StepAsync(string? task, int step, int until, CancellationToken stop)
        {
            for (; task is not null && step < until && !stop.IsCancellationRequested; step++)
            {
                var token = AtBranch[step] ? branch : commune;
                if (await CommandAsync($"/api/v1/tasks/{task}/claim", token, new { }) is null)
                {
                    return;
                }
                Interlocked.Increment(ref claimed);
                var done = await CommandAsync($"/api/v1/tasks/{task}/complete", token, new { outputs = new { decision = "approve" } });
                if (done is not { } d)
                {
                    return;
                }
                Completed.Add(Guid.Parse(task));
                task = d.GetProperty("openedTasks").GetArrayLength() > 0 ? d.GetProperty("openedTasks")[0].GetString() : null;
            }
            if (task is not null && step == ParkAfter && until == ParkAfter)
            {
                parked.Enqueue((task, step));
            }
        }

        /// <summary>A read that needs the database, on a node at random, until it succeeds after <paramref name="after"/>: when the service came back.</summary>
        public async Task<DateTime?> ProbeAsync(DateTime after, TimeSpan within)
        {
            var giveUp = DateTime.UtcNow + within;
            while (DateTime.UtcNow < giveUp)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tasks/inbox?take=1");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", commune);
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await nodes[Random.Shared.Next(nodes.Length)].Http.SendAsync(request);
                    Observe(Status(response), sent);
                    if (response.IsSuccessStatusCode && DateTime.UtcNow >= after)
                    {
                        return DateTime.UtcNow;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Observe(ex is TaskCanceledException ? "no answer in 30 s" : "connection failed", sent);
                }
                await Task.Delay(100);
            }
            return null;
        }

        private static string Status(HttpResponseMessage response) =>
            response.StatusCode is HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null
                ? "503 with Retry-After" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// Sends a command until a node answers it: the same Idempotency-Key each time, on a node chosen at random, so a
        /// command whose node died after committing is answered from its kept first answer. Null when refused (4xx) or
        /// not answered within <see cref="GiveUpAfter"/>.
        /// </summary>
        private async Task<JsonElement?> CommandAsync(string path, string token, object body)
        {
            var key = Guid.NewGuid().ToString("N");
            var giveUp = DateTime.UtcNow + GiveUpAfter;
            while (DateTime.UtcNow < giveUp)
            {
                var node = nodes[Random.Shared.Next(nodes.Length)];
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Add("Idempotency-Key", key);
                var sent = Stopwatch.GetTimestamp();
                var wait = TimeSpan.FromMilliseconds(200);
                try
                {
                    // Not cancelled by the stop: a command once sent is followed to its answer, or it could be counted neither way.
                    using var response = await node.Http.SendAsync(request, CancellationToken.None);
                    var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    Observe(Status(response), sent);
                    if (response.IsSuccessStatusCode)
                    {
                        return JsonDocument.Parse(text).RootElement.Clone();
                    }
                    // Another command moved the case between this one's read and write (a background step, a sweep): the
                    // answer asks the client to try again, which the key makes safe.
                    var retry = response.StatusCode is HttpStatusCode.Conflict && text.Contains("\"case-changed\"", StringComparison.Ordinal);
                    if ((int)response.StatusCode < 500 && !retry)
                    {
                        Interlocked.Increment(ref refused);
                        Console.Error.WriteLine($"bench faults: {path} refused {(int)response.StatusCode}: {text}");
                        return null;
                    }
                    if (response.Headers.RetryAfter?.Delta is { } retryAfter)
                    {
                        wait = retryAfter;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Observe(ex is TaskCanceledException ? "no answer in 30 s" : "connection failed", sent);
                }
                Interlocked.Increment(ref retries);
                await Task.Delay(wait, CancellationToken.None);
            }
            Interlocked.Increment(ref unanswered);
            return null;
        }

        private void Observe(string status, long sent)
        {
            if (!watching)
            {
                return;
            }
            OutageStatuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            lock (slowestLock)
            {
                OutageSlowestMs = Math.Max(OutageSlowestMs, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        }
    }
}
