using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Measures;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Structure;

namespace PublicWorkflow.Bench;

/// <summary>
/// A year of a city on one PostgreSQL database, then the questions people ask of it. Three real dossiers are made
/// through the server's API (one driven to its return with a scanned file, one waiting at the branch, one waiting at
/// the commune); their rows in every table are the templates. A generator clones them with binary COPY into millions
/// of dossiers received over the past year, spread over the catalog's procedures, its agencies and its branches,
/// finished or (the last weeks' share) still in progress; the first finished ones keep their whole history (closed
/// tasks, audit lines, handovers, deadlines, files' metadata). Then a server node answers, one request at a time: a
/// clerk's inbox, a lookup by code, public tracking, and the supervisor's indicators for a month and for the year.
/// </summary>
internal static class VolumeBenchmark
{
    /// <summary>Dossiers still in progress at any moment: about two weeks of a year's intake.</summary>
    private const double InProgressShare = 0.04;

    /// <summary>Finished dossiers that were late: their appointment moved earlier than their finish.</summary>
    private const double LateShare = 0.05;

    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private static readonly string[] HistoryTables = ["tasks", "audit", "handovers", "dossier_deadlines", "dossier_files"];

    public static async Task<BenchLine> RunAsync(string serverConnection, int dossiers, int history, int requests, bool keepDatabase)
    {
        var database = await ServerProcess.CreateDatabaseAsync(serverConnection, "pwf_bench_volume");
        var settings = new Dictionary<string, string>
        {
            // A node that serves requests only: the measurement is of the answers, not of sweeps raising a year's old deadlines beside them.
            ["Runtime__ProcessJobs"] = "false",
        };
        try
        {
            Templates templates;
            using (var http = Client())
            {
                using var node = ServerProcess.Start(database.Connection, PortOf(http), settings);
                await ServerProcess.WaitForHealthAsync(http, node, TimeSpan.FromMinutes(2));
                templates = await MakeTemplatesAsync(http);
                node.Kill(entireProcessTree: true);
                await node.WaitForExitAsync();
            }
            var catalog = ProcedureCatalog.Load(Path.Combine(ServerProcess.RepositoryRoot(), "procedure-catalog"), Path.Combine(ServerProcess.RepositoryRoot(), "workflows"));
            var load = Stopwatch.StartNew();
            var sample = await GenerateAsync(database.Connection, templates, catalog, dossiers, history);
            var loadSeconds = load.Elapsed.TotalSeconds;
            var counting = Stopwatch.StartNew();
            await CountIndicatorsAsync(database.Connection, catalog);
            var countingSeconds = counting.Elapsed.TotalSeconds;
            var (rows, bytes) = await SizeAsync(database.Connection);

            using var client = Client();
            using var server = ServerProcess.Start(database.Connection, PortOf(client), settings);
            await ServerProcess.WaitForHealthAsync(client, server, TimeSpan.FromMinutes(5));
            var latencies = await MeasureAsync(client, sample, requests);
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            var equal = await IndicatorsEqualCountAsync(database.Connection, catalog, sample);

            return new BenchLine(new Dictionary<string, object>
            {
                ["scenario"] = "volume",
                ["dossiers"] = dossiers,
                ["with_full_history"] = history,
                ["in_progress"] = (int)(dossiers * InProgressShare),
                ["rows"] = rows,
                ["load_s"] = Math.Round(loadSeconds, 1),
                ["rows_per_s"] = BenchLine.Round(rows.Where(r => r.Key != "indicator_tallies").Sum(r => r.Value) / loadSeconds),
                ["indicators_counted_s"] = Math.Round(countingSeconds, 1),
                ["database_gb"] = Math.Round(bytes / 1e9, 2),
                ["requests_each"] = requests,
                ["latency"] = latencies,
                ["indicators_equal_count"] = equal,
                ["target"] = "p99 < 50 ms each; indicators equal to a count from the dossiers",
                ["met"] = latencies.Values.All(l => l["p99_ms"] < 50) && equal,
                // Its name, not the connection string, which may hold a password.
                ["database"] = keepDatabase ? database.Name : "dropped",
            });
        }
        finally
        {
            if (!keepDatabase)
            {
                await database.DisposeAsync();
            }
        }
    }

    /// <summary>What a node's first indicator-sums job does after a bulk load: counts every dossier into the kept indicator sums.</summary>
    private static async Task CountIndicatorsAsync(string connection, ProcedureCatalog catalog)
    {
        await using var db = Context(connection);
        await new IndicatorSums(db, catalog, new DossierClock(WorkingCalendar.BuiltIn), NullLogger<IndicatorSums>.Instance).FoldAsync(DateTime.UtcNow);
        await db.Database.ExecuteSqlRawAsync("ANALYZE indicator_tallies; ANALYZE indicator_sums");
    }

    /// <summary>
    /// The month's and the year's indicators as asked above (kept sums), against a count from the dossiers themselves at
    /// the same instant: the sums are only worth their speed if they are the same figures.
    /// </summary>
    private static async Task<bool> IndicatorsEqualCountAsync(string connection, ProcedureCatalog catalog, Sample sample)
    {
        await using var db = Context(connection);
        var measures = new ServiceQualityMeasures(db, catalog, new DossierClock(WorkingCalendar.BuiltIn), new FrozenTime(DateTimeOffset.UtcNow));
        foreach (var from in new[] { sample.LastDay.AddMonths(-1), sample.LastDay.AddYears(-1) })
        {
            var filter = new MeasureFilter(from, sample.LastDay);
            if (!(await measures.ComputeAsync(filter, MeasureGrouping.Agency)).SequenceEqual(await measures.CountAsync(filter, MeasureGrouping.Agency)))
            {
                return false;
            }
        }
        return true;
    }

    private static PostgresOneStopDbContext Context(string connection) =>
        new(new DbContextOptionsBuilder<PostgresOneStopDbContext>().UseNpgsql(connection, npgsql => npgsql.CommandTimeout(600)).Options);

    private sealed class FrozenTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }

    private static HttpClient Client() => new() { BaseAddress = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}"), Timeout = TimeSpan.FromMinutes(10) };

    private static int PortOf(HttpClient http) => http.BaseAddress!.Port;

    /// <summary>The three template dossiers, made as a clerk makes them, and who was signed in.</summary>
    private sealed record Templates(Guid Finished, Guid AtBranch, Guid AtCommune, string Branch, string Agency);

    private static async Task<Templates> MakeTemplatesAsync(HttpClient http)
    {
        var branch = await ServerProcess.TokenAsync(http, "clerk.cn01", "clerk-demo-2026");
        var commune = await ServerProcess.TokenAsync(http, "clerk.hoankiem", "clerk-demo-2026");
        async Task<JsonElement> Post(string token, string path, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"making the templates: {path} answered {(int)response.StatusCode}: {text}");
            }
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        async Task<(Guid Dossier, string Task)> Receive()
        {
            var received = await Post(branch, "/api/v1/dossiers", new
            {
                procedureCode = "1.004873",
                locality = "P.HOANKIEM",
                applicant = new { fullName = "Người dân mẫu", idNumber = "001090000001", phone = "0912345678" },
                documents = new[] { new { id = "declaration" } },
            });
            return (received.GetProperty("dossierId").GetGuid(), received.GetProperty("openedTasks")[0].GetString()!);
        }
        async Task<string?> Step(string token, string task)
        {
            await Post(token, $"/api/v1/tasks/{task}/claim", new { });
            var done = await Post(token, $"/api/v1/tasks/{task}/complete", new { outputs = new { decision = "approve" } });
            return done.GetProperty("openedTasks").GetArrayLength() > 0 ? done.GetProperty("openedTasks")[0].GetString() : null;
        }

        var (finished, first) = await Receive();
        using (var upload = new MultipartFormDataContent())
        {
            upload.Add(new ByteArrayContent(Convert.FromBase64String(Png)) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "file", "declaration.png");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/dossiers/{finished}/files?component=declaration") { Content = upload };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", branch);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"making the templates: the upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
        var task = first;
        foreach (var atBranch in new[] { true, false, false, false, true })
        {
            task = await Step(atBranch ? branch : commune, task!);
        }
        var (waitingAtBranch, _) = await Receive();
        var (waitingAtCommune, digitize) = await Receive();
        await Step(branch, digitize);
        return new Templates(finished, waitingAtBranch, waitingAtCommune, "CN01", "UB.P.HOANKIEM");
    }

    /// <summary>A table's columns as COPY writes them; columns the database numbers itself are left to it.</summary>
    private sealed record Column(string Name, string Type, bool Numbered);

    /// <summary>One template dossier's rows, table by table (the dossier and its case first, so every row's ids can be mapped).</summary>
    private sealed record TemplateRows(Dictionary<string, List<object?[]>> Rows, HashSet<Guid> Ids, string Code);

    private static async Task<Dictionary<string, List<Column>>> ColumnsAsync(NpgsqlConnection db, IEnumerable<string> tables)
    {
        var columns = new Dictionary<string, List<Column>>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand("""
                SELECT column_name, udt_name, is_identity = 'YES' OR coalesce(column_default, '') LIKE 'nextval%'
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @t ORDER BY ordinal_position
                """, db);
            command.Parameters.AddWithValue("t", table);
            await using var reader = await command.ExecuteReaderAsync();
            var list = new List<Column>();
            while (await reader.ReadAsync())
            {
                list.Add(new Column(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
            }
            columns[table] = list;
        }
        return columns;
    }

    private static async Task<TemplateRows> ReadTemplateAsync(NpgsqlConnection db, Dictionary<string, List<Column>> columns, Guid dossierId)
    {
        var rows = new Dictionary<string, List<object?[]>>();
        async Task Read(string table, string key, Guid id)
        {
            await using var command = new NpgsqlCommand($"""SELECT * FROM {table} WHERE "{key}" = @id""", db);
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync();
            var list = new List<object?[]>();
            while (await reader.ReadAsync())
            {
                list.Add(columns[table].Select(c => reader[c.Name] is DBNull ? null : reader[c.Name]).ToArray());
            }
            rows[table] = list;
        }
        await Read("dossiers", "Id", dossierId);
        var caseId = (Guid)rows["dossiers"][0][columns["dossiers"].FindIndex(c => c.Name == "CaseId")]!;
        await Read("cases", "Id", caseId);
        foreach (var table in HistoryTables)
        {
            await Read(table, columns[table].Any(c => c.Name == "DossierId") ? "DossierId" : "CaseId", columns[table].Any(c => c.Name == "DossierId") ? dossierId : caseId);
        }
        // The rows' own ids: each clone gets fresh ones, and every reference to them follows.
        var ids = rows.SelectMany(t => t.Value.Select(r => r[columns[t.Key].FindIndex(c => c.Name == "Id")])).OfType<Guid>().ToHashSet();
        return new TemplateRows(rows, ids, (string)rows["dossiers"][0][columns["dossiers"].FindIndex(c => c.Name == "Code")]!);
    }

    /// <summary>A few codes with their lookup keys, kept while generating, to ask for afterwards.</summary>
    private sealed record Sample(List<(string Code, string Key)> Dossiers, DateOnly LastDay);

    private static async Task<Sample> GenerateAsync(string connection, Templates templates, ProcedureCatalog catalog, int dossiers, int history)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var tables = new[] { "dossiers", "cases" }.Concat(HistoryTables).ToArray();
        var columns = await ColumnsAsync(db, tables);
        var finished = await ReadTemplateAsync(db, columns, templates.Finished);
        var atBranch = await ReadTemplateAsync(db, columns, templates.AtBranch);
        var atCommune = await ReadTemplateAsync(db, columns, templates.AtCommune);

        // Loaded without secondary indexes and foreign keys, which are made again afterwards: what a bulk load does.
        var restore = await DropIndexesAsync(db, tables);

        // Vietnam's today: after 17:00 UTC the newest dossiers are already tomorrow's there, and the indicators ask by local date.
        var today = DateOnly.FromDateTime(PublicWorkflow.Engine.Calendar.WorkingCalendar.BuiltIn.ToLocal(DateTimeOffset.UtcNow));
        var spread = new Spread(catalog, today);
        var sample = new List<(string, string)>();
        // The templates' own codes are today's at their agency: generated ones follow them, never repeat them.
        var sequences = new Dictionary<string, int>();
        await using (var codes = new NpgsqlCommand("""SELECT "Code" FROM dossiers WHERE "Code" IS NOT NULL""", db))
        await using (var reader = await codes.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var existing = reader.GetString(0);
                sequences[existing[..^4]] = Math.Max(sequences.GetValueOrDefault(existing[..^4]), int.Parse(existing[^4..], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        // A COPY holds its connection: one connection per table, all streaming at once as the dossiers are made.
        var importers = new Dictionary<string, NpgsqlBinaryImporter>();
        var streams = new List<NpgsqlConnection>();
        foreach (var table in tables)
        {
            var stream = new NpgsqlConnection(connection);
            await stream.OpenAsync();
            streams.Add(stream);
            await Execute(stream, "SET synchronous_commit = off");
            var list = string.Join(", ", columns[table].Where(c => !c.Numbered).Select(c => $"\"{c.Name}\""));
            importers[table] = await stream.BeginBinaryImportAsync($"COPY {table} ({list}) FROM STDIN (FORMAT BINARY)");
        }
        var inProgress = (int)(dossiers * InProgressShare);
        var random = new Random(17);
        for (var i = 0; i < dossiers; i++)
        {
            // Oldest first; the in-progress ones are the last weeks' intake.
            var waiting = i >= dossiers - inProgress;
            var template = !waiting ? finished : random.Next(2) == 0 ? atBranch : atCommune;
            var templateReceived = (DateTime)template.Rows["dossiers"][0][columns["dossiers"].FindIndex(c => c.Name == "ReceivedAt")]!;
            var received = waiting
                ? DateTime.UtcNow.AddDays(-14 * (double)(dossiers - i) / Math.Max(1, inProgress))
                : DateTime.UtcNow.AddDays(-365 + 351 * (double)i / Math.Max(1, dossiers - inProgress));
            var shift = received - templateReceived;
            var (procedure, agency, level, branch) = spread.Next(random);
            var day = DateOnly.FromDateTime(received.AddHours(7));
            var prefix = DossierCodes.Prefix(agency.DossierPrefix, day);
            var sequence = sequences[prefix] = sequences.GetValueOrDefault(prefix) + 1;
            if (sequence > 9999)
            {
                continue;
            }
            var code = DossierCodes.Format(agency.DossierPrefix, day, sequence);
            var key = LookupKeys.New();
            if (random.Next(Math.Max(1, dossiers / 2000)) == 0)
            {
                sample.Add((code, key));
            }
            var ids = template.Ids.ToDictionary(id => id, _ => Guid.NewGuid());
            var late = !waiting && random.NextDouble() < LateShare;
            var withHistory = waiting || i < history;
            foreach (var table in tables)
            {
                if (!withHistory && HistoryTables.Contains(table))
                {
                    continue;
                }
                foreach (var row in template.Rows[table])
                {
                    await importers[table].StartRowAsync();
                    for (var c = 0; c < row.Length; c++)
                    {
                        var column = columns[table][c];
                        if (column.Numbered)
                        {
                            continue;
                        }
                        var value = table == "dossiers"
                            ? column.Name switch
                            {
                                "Code" => code,
                                "LookupKey" => key,
                                "ProcedureCode" => procedure,
                                "AgencyCode" => agency.Code,
                                "Level" => level,
                                "BranchCode" => branch,
                                "ApplicantIdNumber" => random.NextInt64(1_000_000_000, 99_999_999_999).ToString("D12"),
                                "AppointmentAt" when late && row[c] is DateTime at => at + shift - TimeSpan.FromDays(3),
                                _ => row[c],
                            }
                            : row[c];
                        value = value switch
                        {
                            Guid id when ids.TryGetValue(id, out var mapped) => mapped,
                            DateTime at when value == row[c] => at + shift,
                            string text when text == templates.Branch => branch,
                            // The dossier's code, its agency and its branch wherever the template's rows name them (case variables, parties, audit lines).
                            string text => text.Replace(template.Code, code, StringComparison.Ordinal)
                                .Replace(templates.Agency, agency.Code, StringComparison.Ordinal)
                                .Replace("branch:" + templates.Branch, "branch:" + branch, StringComparison.Ordinal),
                            _ => value,
                        };
                        if (value is null)
                        {
                            await importers[table].WriteNullAsync();
                        }
                        else
                        {
                            await importers[table].WriteAsync(value, column.Type);
                        }
                    }
                }
            }
        }
        foreach (var importer in importers.Values)
        {
            await importer.CompleteAsync();
            await importer.DisposeAsync();
        }
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }
        await Execute(db, "SET maintenance_work_mem = '1GB'");
        foreach (var statement in restore)
        {
            await Execute(db, statement);
        }
        foreach (var table in tables)
        {
            await Execute(db, $"ANALYZE {table}");
        }
        return new Sample(sample, today);
    }

    /// <summary>Drops the tables' secondary indexes and foreign keys; returns the statements that make them again.</summary>
    private static async Task<List<string>> DropIndexesAsync(NpgsqlConnection db, string[] tables)
    {
        var restore = new List<string>();
        var drop = new List<string>();
        await using (var command = new NpgsqlCommand("""
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE contype = 'f' AND conrelid::regclass::text = ANY(@t)
            """, db))
        {
            command.Parameters.AddWithValue("t", tables);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                drop.Add($"ALTER TABLE {reader.GetString(0)} DROP CONSTRAINT \"{reader.GetString(1)}\"");
                restore.Add($"ALTER TABLE {reader.GetString(0)} ADD CONSTRAINT \"{reader.GetString(1)}\" {reader.GetString(2)}");
            }
        }
        await using (var command = new NpgsqlCommand("""
            SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY(@t)
            AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))
            """, db))
        {
            command.Parameters.AddWithValue("t", tables);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                drop.Add($"DROP INDEX \"{reader.GetString(0)}\"");
                restore.Insert(0, reader.GetString(1));
            }
        }
        foreach (var statement in drop)
        {
            await Execute(db, statement);
        }
        return restore;
    }

    private static async Task Execute(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(Dictionary<string, long> Rows, long Bytes)> SizeAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var rows = new Dictionary<string, long>();
        foreach (var table in new[] { "dossiers", "cases" }.Concat(HistoryTables).Append("indicator_tallies"))
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", db) { CommandTimeout = 0 };
            rows[table] = Convert.ToInt64(await count.ExecuteScalarAsync());
        }
        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", db);
        return (rows, Convert.ToInt64(await size.ExecuteScalarAsync()));
    }

    /// <summary>Each question asked <paramref name="requests"/> times in turn by one client (after one unmeasured round): p50, p99, max.</summary>
    private static async Task<Dictionary<string, Dictionary<string, double>>> MeasureAsync(HttpClient http, Sample sample, int requests)
    {
        var clerk = await ServerProcess.TokenAsync(http, "clerk.hoankiem", "clerk-demo-2026");
        var reception = await ServerProcess.TokenAsync(http, "clerk.cn01", "clerk-demo-2026");
        var supervisor = await ServerProcess.TokenAsync(http, "supervisor", "supervisor-demo-2026");
        var month = sample.LastDay.AddMonths(-1);
        var questions = new (string Name, Func<int, (string Path, string? Token)> Request, int Times)[]
        {
            ("inbox_commune", _ => ("/api/v1/tasks/inbox", clerk), requests),
            ("inbox_branch", _ => ("/api/v1/tasks/inbox", reception), requests),
            ("lookup_by_code", n => ($"/api/v1/dossiers/by-code/{sample.Dossiers[n % sample.Dossiers.Count].Code}", supervisor), requests),
            ("public_tracking", n => ($"/api/v1/public/dossiers/{sample.Dossiers[n % sample.Dossiers.Count].Code}?key={sample.Dossiers[n % sample.Dossiers.Count].Key}", null), requests),
            ("indicators_month", _ => ($"/api/v1/supervision/measures?from={month:yyyy-MM-dd}&to={sample.LastDay:yyyy-MM-dd}&groupBy=agency", supervisor), Math.Max(3, requests / 20)),
            ("indicators_year", _ => ($"/api/v1/supervision/measures?from={sample.LastDay.AddYears(-1):yyyy-MM-dd}&to={sample.LastDay:yyyy-MM-dd}&groupBy=agency", supervisor), Math.Max(3, requests / 20)),
        };
        var results = new Dictionary<string, Dictionary<string, double>>();
        foreach (var (name, request, times) in questions)
        {
            var latencies = new List<double>();
            var errors = 0;
            var bytes = 0;
            for (var n = -1; n < times; n++)
            {
                var (path, token) = request(Math.Max(0, n));
                using var message = new HttpRequestMessage(HttpMethod.Get, path);
                if (token is not null)
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }
                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(message);
                bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
                if (n < 0)
                {
                    continue;
                }
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                errors += response.IsSuccessStatusCode ? 0 : 1;
            }
            latencies.Sort();
            results[name] = new Dictionary<string, double>
            {
                ["p50_ms"] = Math.Round(Measure.Percentile(latencies, 0.50), 1),
                ["p99_ms"] = Math.Round(Measure.Percentile(latencies, 0.99), 1),
                ["max_ms"] = Math.Round(latencies[^1], 1),
                ["errors"] = errors,
                // An empty inbox or a not-found would be fast for the wrong reason: the size of the last answer shows it was not.
                ["answer_bytes"] = bytes,
            };
        }
        return results;
    }

    /// <summary>Which procedure, resolving agency, level and receiving branch a generated dossier has: the catalog's, at random.</summary>
    private sealed class Spread
    {
        private readonly List<(string Procedure, Agency Agency, string Level)> choices = [];
        private readonly List<string> branches;

        public Spread(ProcedureCatalog catalog, DateOnly on)
        {
            var agencies = catalog.Structure.Agencies.Where(a => a.Validity.Covers(on)).ToList();
            foreach (var procedure in catalog.Procedures)
            {
                foreach (var rule in procedure.ResolvedBy.Where(r => r.Validity.Covers(on)))
                {
                    var level = rule.Level;
                    var candidates = agencies.Where(a => rule.AgencyCode is { } code ? a.Code == code
                        : (rule.AgencyKind is null || a.Kind == rule.AgencyKind) && (level is null || a.Level == level)).ToList();
                    choices.AddRange(candidates.Select(a => (procedure.Code, a, level ?? a.Level)));
                }
            }
            branches = catalog.Structure.Branches.Where(b => b.Validity.Covers(on)).Select(b => b.Code).ToList();
            if (choices.Count == 0 || branches.Count == 0)
            {
                throw new InvalidOperationException("the catalog names no procedure with an agency, or no branch, in force today");
            }
        }

        public (string Procedure, Agency Agency, string Level, string Branch) Next(Random random)
        {
            var (procedure, agency, level) = choices[random.Next(choices.Count)];
            return (procedure, agency, level, branches[random.Next(branches.Count)]);
        }
    }
}
