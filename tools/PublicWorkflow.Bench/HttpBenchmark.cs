using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PublicWorkflow.Bench;

/// <summary>
/// The server as a separate process on a fresh database of the given PostgreSQL server, driven over loopback by 64
/// simulated clerks (receive a dossier, then claim and complete each of its steps) and 64 public trackers (look a
/// dossier up by its code). Every request is timed; any answer that is not a success is an error. With no think time
/// (the default) every simulated person sends their next request the moment the last one is answered: a saturation
/// run, whose latencies are set by how many requests per second the machine completes (Little's law). A think time
/// makes each person pause between requests, as people do, to measure latency at a given load.
/// </summary>
internal static class HttpBenchmark
{
    /// <summary>How many dossiers are received before the run, so trackers have codes to look up from the start.</summary>
    private const int FirstDossiers = 64;

    /// <summary>Who does each step of the shared one-stop workflow: the branch, then the commune three times, then the branch.</summary>
    private static readonly bool[] AtBranch = [true, false, false, false, true];

    /// <param name="clerks">64 in the issue's scenario; other numbers separate the kinds of load, e.g. trackers alone.</param>
    public static async Task<BenchLine> RunAsync(string serverConnection, TimeSpan duration, TimeSpan thinkTime, int clerks = 64, int trackers = 64) =>
        (await WithServerAsync(serverConnection, Math.Max(clerks, FirstDossiers), thinkTime, async (run, server) =>
        {
            await DriveAsync(run, TimeSpan.FromSeconds(3), clerks, trackers);
            run.Reset();
            var (elapsed, serverCpu, clientCpu) = await CpuAsync(server, () => DriveAsync(run, duration, clerks, trackers));
            var line = Summary("http", run, elapsed, serverCpu, clientCpu);
            line["clerks"] = clerks;
            line["trackers"] = trackers;
            line["think_ms"] = thinkTime.TotalMilliseconds;
            return [new BenchLine(line)];
        }))[0];

    /// <summary>
    /// Open loop: requests arrive at a fixed average rate (Poisson: exponential gaps), whatever the server's answers,
    /// half of them public tracking and half a clerk's next request (receive a dossier, or claim or complete the next
    /// step of one received earlier). Each latency is measured from the request's scheduled arrival, so a server that
    /// falls behind shows it (no coordinated omission). One line per rate, then the saturation throughput of the
    /// closed loop (64 clerks and 64 trackers, no think time) on the same server.
    /// </summary>
    public static Task<List<BenchLine>> RunOpenLoopAsync(string serverConnection, TimeSpan duration, IReadOnlyList<double> rates) =>
        WithServerAsync(serverConnection, FirstDossiers, TimeSpan.Zero, async (run, server) =>
        {
            var lines = new List<BenchLine>();
            await OpenLoopAsync(run, rates[0], TimeSpan.FromSeconds(3));
            foreach (var rate in rates)
            {
                run.Reset();
                var (elapsed, serverCpu, clientCpu) = await CpuAsync(server, () => OpenLoopAsync(run, rate, duration));
                var line = Summary("http-open", run, elapsed, serverCpu, clientCpu);
                line["target_rate"] = rate;
                line["mix"] = "50% public tracking, 50% clerk requests";
                lines.Add(new BenchLine(line));
            }
            run.Reset();
            var (closed, closedServerCpu, closedClientCpu) = await CpuAsync(server, () => DriveAsync(run, duration, 64, 64));
            var saturation = Summary("http-saturation", run, closed, closedServerCpu, closedClientCpu);
            saturation["clerks"] = 64;
            saturation["trackers"] = 64;
            lines.Add(new BenchLine(saturation));
            return lines;
        });

    /// <summary>A fresh database and the server on it, the two clerks signed in and the first dossiers received; then the measurement.</summary>
    private static async Task<List<BenchLine>> WithServerAsync(string serverConnection, int firstDossiers, TimeSpan thinkTime, Func<Run, Process, Task<List<BenchLine>>> measure)
    {
        await using var database = await ServerProcess.CreateDatabaseAsync(serverConnection, "pwf_bench_http");
        var port = ServerProcess.FreePort();
        using var server = ServerProcess.Start(database.Connection, port);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromSeconds(30),
            };
            await ServerProcess.WaitForHealthAsync(http, server);
            var branch = await ServerProcess.TokenAsync(http, "clerk.cn01", "clerk-demo-2026");
            var commune = await ServerProcess.TokenAsync(http, "clerk.hoankiem", "clerk-demo-2026");
            var run = new Run(http, branch, commune, new ConcurrentBag<string>(), thinkTime);
            for (var i = 0; i < firstDossiers; i++)
            {
                await run.ReceiveAsync(timed: false);
            }
            return await measure(run, server);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task<(TimeSpan Elapsed, TimeSpan ServerCpu, TimeSpan ClientCpu)> CpuAsync(Process server, Func<Task<TimeSpan>> drive)
    {
        server.Refresh();
        var serverCpuBefore = server.TotalProcessorTime;
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var elapsed = await drive();
        server.Refresh();
        return (elapsed, server.TotalProcessorTime - serverCpuBefore, Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore);
    }

    private static Dictionary<string, object> Summary(string scenario, Run run, TimeSpan elapsed, TimeSpan serverCpu, TimeSpan clientCpu)
    {
        var timings = run.Latencies.ToList();
        var latencies = timings.Select(t => t.Milliseconds).Order().ToList();
        return new Dictionary<string, object>
        {
            ["scenario"] = scenario,
            ["requests"] = latencies.Count,
            ["requests_per_s"] = BenchLine.Round(latencies.Count / elapsed.TotalSeconds),
            ["p50_ms"] = Math.Round(Measure.Percentile(latencies, 0.50), 2),
            ["p99_ms"] = Math.Round(Measure.Percentile(latencies, 0.99), 2),
            ["errors"] = run.Errors,
            // Steadier than the latencies on a shared machine: what one request cost the server process in CPU time,
            // and what it cost this load generator, which shares the machine's cores with the server and the database.
            ["server_cpu_ms_per_request"] = Math.Round(serverCpu.TotalMilliseconds / Math.Max(1, latencies.Count), 3),
            ["client_cpu_ms_per_request"] = Math.Round(clientCpu.TotalMilliseconds / Math.Max(1, latencies.Count), 3),
            ["by_request"] = timings.GroupBy(t => t.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key, g =>
            {
                var sorted = g.Select(t => t.Milliseconds).Order().ToList();
                return new Dictionary<string, double>
                {
                    ["count"] = sorted.Count, ["p50_ms"] = Math.Round(Measure.Percentile(sorted, 0.50), 2), ["p99_ms"] = Math.Round(Measure.Percentile(sorted, 0.99), 2),
                };
            }),
        };
    }

    /// <summary>
    /// Sends requests at Poisson arrivals of the given rate for the duration without waiting for answers; waits for the
    /// last answers. Requests still in flight beyond a bound are counted as errors rather than queued without limit.
    /// </summary>
    private static async Task<TimeSpan> OpenLoopAsync(Run run, double rate, TimeSpan duration)
    {
        const int MaxInFlight = 8192;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var inFlight = new List<Task>();
        var next = (double)started;
        var live = 0;
        while (next < end)
        {
            var wait = (long)next - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            }
            var scheduled = (long)next;
            if (Volatile.Read(ref live) >= MaxInFlight)
            {
                run.Dropped();
            }
            else
            {
                Interlocked.Increment(ref live);
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        await run.OneRequestAsync(scheduled);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref live);
                    }
                }));
            }
            // Exponential gaps: a Poisson process of the given rate.
            next += -Math.Log(1 - Random.Shared.NextDouble()) / rate * Stopwatch.Frequency;
        }
        await Task.WhenAll(inFlight);
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task<TimeSpan> DriveAsync(Run run, TimeSpan duration, int clerkCount, int trackerCount)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var clerks = Enumerable.Range(0, clerkCount).Select(_ => Task.Run(() => run.ClerkAsync(stopAt)));
        var trackers = Enumerable.Range(0, trackerCount).Select(_ => Task.Run(() => run.TrackerAsync(stopAt)));
        await Task.WhenAll(clerks.Concat(trackers));
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The shared state of one measurement: the client, the two clerks' tokens, the codes to track, the timings.</summary>
    private sealed class Run(HttpClient http, string branch, string commune, ConcurrentBag<string> codes, TimeSpan thinkTime)
    {
        private long errors;

        public ConcurrentQueue<(string Kind, double Milliseconds)> Latencies { get; private set; } = new();
        public long Errors => Interlocked.Read(ref errors);

        /// <summary>Steps of received dossiers waiting for a clerk's next request in the open loop: (task, step, claimed).</summary>
        private readonly ConcurrentQueue<(string Task, int Step, bool Claimed)> pending = new();

        public void Reset()
        {
            Latencies = new ConcurrentQueue<(string, double)>();
            Interlocked.Exchange(ref errors, 0);
        }

        public void Dropped() => Interlocked.Increment(ref errors);

        /// <summary>One request of the open loop, timed from its scheduled arrival: a public look-up, or a clerk's next request.</summary>
        public async Task OneRequestAsync(long scheduled)
        {
            if (Random.Shared.Next(2) == 0)
            {
                var all = codes.ToArray();
                await SendAsync("track", HttpMethod.Get, $"/api/v1/public/dossiers/{all[Random.Shared.Next(all.Length)]}", null, null, scheduled: scheduled);
                return;
            }
            if (!pending.TryDequeue(out var work))
            {
                if (await ReceiveAsync(timed: true, scheduled) is { } first)
                {
                    pending.Enqueue((first, 0, false));
                }
                return;
            }
            var token = AtBranch[work.Step] ? branch : commune;
            if (!work.Claimed)
            {
                if (await SendAsync("claim", HttpMethod.Post, $"/api/v1/tasks/{work.Task}/claim", token, new { }, scheduled: scheduled) is not null)
                {
                    pending.Enqueue(work with { Claimed = true });
                }
                return;
            }
            var done = await SendAsync("complete", HttpMethod.Post, $"/api/v1/tasks/{work.Task}/complete", token, new { outputs = new { decision = "approve" } }, scheduled: scheduled);
            if (done is { } d && d.GetProperty("openedTasks").GetArrayLength() > 0 && work.Step + 1 < AtBranch.Length)
            {
                pending.Enqueue((d.GetProperty("openedTasks")[0].GetString()!, work.Step + 1, false));
            }
        }

        public async Task ClerkAsync(long stopAt)
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var task = await ReceiveAsync(timed: true);
                for (var step = 0; task is not null && step < AtBranch.Length && Stopwatch.GetTimestamp() < stopAt; step++)
                {
                    var token = AtBranch[step] ? branch : commune;
                    if (await SendAsync("claim", HttpMethod.Post, $"/api/v1/tasks/{task}/claim", token, new { }) is null)
                    {
                        break;
                    }
                    var done = await SendAsync("complete", HttpMethod.Post, $"/api/v1/tasks/{task}/complete", token, new { outputs = new { decision = "approve" } });
                    task = done is { } d && d.GetProperty("openedTasks").GetArrayLength() > 0 ? d.GetProperty("openedTasks")[0].GetString() : null;
                }
            }
        }

        public async Task TrackerAsync(long stopAt)
        {
            var all = codes.ToArray();
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await SendAsync("track", HttpMethod.Get, $"/api/v1/public/dossiers/{all[Random.Shared.Next(all.Length)]}", null, null);
            }
        }

        /// <summary>A complete dossier at branch 01; returns its first task (digitizing).</summary>
        public async Task<string?> ReceiveAsync(bool timed, long? scheduled = null)
        {
            var received = await SendAsync("receive", HttpMethod.Post, "/api/v1/dossiers", branch, new
            {
                procedureCode = "1.004873",
                locality = "P.HOANKIEM",
                applicant = new { fullName = "Người dân thử tải" },
                documents = new[] { new { id = "declaration" } },
            }, timed, scheduled);
            if (received is not { } r)
            {
                return null;
            }
            // What a citizen's QR code holds: the code and its lookup key.
            codes.Add($"{r.GetProperty("code").GetString()}?key={r.GetProperty("lookupKey").GetString()}");
            return r.GetProperty("openedTasks")[0].GetString();
        }

        /// <summary>Sends one request after the person's pause (half to one and a half think times, so people do not move in step).</summary>
        /// <param name="scheduled">In the open loop, when the request was due: its latency counts from then.</param>
        private async Task<JsonElement?> SendAsync(string kind, HttpMethod method, string path, string? token, object? body, bool timed = true, long? scheduled = null)
        {
            if (timed && thinkTime > TimeSpan.Zero)
            {
                await Task.Delay(thinkTime * (0.5 + Random.Shared.NextDouble()));
            }
            using var request = new HttpRequestMessage(method, path);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }
            var start = scheduled ?? Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (timed)
                {
                    Latencies.Enqueue((kind, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
                }
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    return null;
                }
                return text.Length == 0 ? default(JsonElement) : JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                if (timed)
                {
                    Latencies.Enqueue((kind, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
                }
                Interlocked.Increment(ref errors);
                return null;
            }
        }
    }

}
