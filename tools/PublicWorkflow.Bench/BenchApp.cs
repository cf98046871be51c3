namespace PublicWorkflow.Bench;

/// <summary>
/// Benchmarks print one JSON line per measurement so results can be compared across runs and engines.
/// <c>engine</c>: a realistic procedure end to end; <c>engine-shapes</c>: three small shapes measured the way
/// other engines are measured.
/// </summary>
public static class BenchApp
{
    private const string Usage = """
        usage: dotnet run -c Release --project tools/PublicWorkflow.Bench -- engine [--cases N]
               dotnet run -c Release --project tools/PublicWorkflow.Bench -- engine-shapes
               dotnet run -c Release --project tools/PublicWorkflow.Bench -- peers [--workflows N] [--drivers 16,64] [--seconds S]
                   (WorkflowCore 3.22.0 in memory vs the pure engine and the durable runtime on SQLite, 1 and 8 workers)
               dotnet run -c Release --project tools/PublicWorkflow.Bench -- durable --provider sqlite|postgres
                   [--connection CONNECTION_STRING] [--workers N] [--seconds S]
               dotnet run -c Release --project tools/PublicWorkflow.Bench -- http --connection CONNECTION_STRING [--seconds S] [--think-ms MS]
                   [--clerks N] [--trackers N] | [--rate R[,R…]]
                   (a PostgreSQL server; a fresh database is made on it for the run and dropped afterwards;
                   --think-ms: each simulated person's average pause between requests, default 0 = saturation;
                   --clerks, --trackers: 64 each by default, the issue's scenario;
                   --rate: open loop at these arrival rates (requests/s, Poisson), one line each, then the saturation throughput)
               dotnet run -c Release --project tools/PublicWorkflow.Bench -- volume --connection CONNECTION_STRING [--dossiers N] [--history N]
                   [--requests N] [--keep-database true]
                   (a year of dossiers (5000000) bulk-loaded into a fresh database of that PostgreSQL server, the first N (1000000) with
                   their whole history; then each question asked N times (200): inbox, lookup, tracking, indicators for a month and a year)
               dotnet run -c Release --project tools/PublicWorkflow.Bench -- faults --connection CONNECTION_STRING [--kills N] [--workers N] [--seconds S]
                   [--halt-command CMD --resume-command CMD [--outage-seconds S]]
                   (two server nodes on a fresh database of that PostgreSQL server, a node killed with SIGKILL N times (20) over S
                   seconds (120) while N workers (64) step dossiers; with the two commands, PostgreSQL is then stopped by the first and
                   started by the second after S seconds (30) under load, e.g. "tools/test-postgres.sh halt" and "tools/test-postgres.sh resume")
               dotnet run -c Release --project tools/PublicWorkflow.Bench -- all --connection CONNECTION_STRING [--smoke true] [--out FILE]
                   [--halt-command CMD --resume-command CMD]
                   (every scenario above, short versions, then a report of each figure beside its target: docs/benchmarks.md by default;
                   --smoke: every scenario tiny, to prove they run)
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            error.WriteLine(Usage);
            return 2;
        }
        switch (args[0])
        {
            case "engine":
                var cases = 20_000;
                if (args.Length == 3 && args[1] == "--cases" && int.TryParse(args[2], out var n) && n > 0)
                {
                    cases = n;
                }
                else if (args.Length != 1)
                {
                    error.WriteLine(Usage);
                    return 2;
                }
                output.WriteLine(EngineBenchmark.Run(cases).ToJson());
                return 0;
            case "durable":
                return Reaching(() => Durable(args[1..], output, error), error);
            case "http":
                return Reaching(() => Http(args[1..], output, error), error);
            case "peers":
                return Reaching(() => Peers(args[1..], output, error), error);
            case "all":
                return Reaching(() => All(args[1..], output, error), error);
            case "volume":
                return Reaching(() => Volume(args[1..], output, error), error);
            case "faults":
                return Reaching(() => Faults(args[1..], output, error), error);
            case "engine-shapes":
                foreach (var line in ShapeBenchmarks.RunAll())
                {
                    output.WriteLine(line.ToJson());
                }
                return 0;
            default:
                error.WriteLine($"bench: unknown scenario '{args[0]}'\n{Usage}");
                return 2;
        }
    }

    /// <summary>A database that cannot be reached (refused, wrong password) is a message and exit code 1, not a crash.</summary>
    private static int Reaching(Func<int> scenario, TextWriter error)
    {
        try
        {
            return scenario();
        }
        catch (Npgsql.NpgsqlException ex)
        {
            error.WriteLine($"bench: PostgreSQL: {ex.Message}");
            return 1;
        }
    }

    /// <summary>"--name value" pairs, the last of a repeated name winning; an odd count is refused by the caller.</summary>
    private static Dictionary<string, string> Pairs(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }
        return options;
    }

    /// <summary>A PostgreSQL connection string that names its server; otherwise the reason is written.</summary>
    private static bool IsPostgresConnection(string connection, TextWriter error)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(new Npgsql.NpgsqlConnectionStringBuilder(connection).Host))
            {
                return true;
            }
            error.WriteLine("bench: --connection names no Host, e.g. \"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres\"");
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"bench: --connection is not a connection string: {ex.Message}");
        }
        return false;
    }

    private static int Peers(string[] args, TextWriter output, TextWriter error)
    {
        var options = Pairs(args);
        var drivers = options.GetValueOrDefault("--drivers", "16,64").Split(',').Select(d => int.TryParse(d, out var n) ? n : 0).ToArray();
        if (args.Length % 2 != 0 || options.Keys.Any(k => k is not ("--workflows" or "--drivers" or "--seconds"))
            || !int.TryParse(options.GetValueOrDefault("--workflows", "1000"), out var workflows) || workflows is < 1 or > 100_000
            || drivers.Any(d => d is < 1 or > 1000)
            || !double.TryParse(options.GetValueOrDefault("--seconds", "10"), System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
        {
            error.WriteLine($"bench: peers takes --workflows (1 to 100000), --drivers (comma-separated, 1 to 1000 each), --seconds (positive)\n{Usage}");
            return 2;
        }
        foreach (var line in PeersBenchmark.RunAsync(workflows, drivers, TimeSpan.FromSeconds(seconds)).GetAwaiter().GetResult())
        {
            output.WriteLine(line.ToJson());
        }
        return 0;
    }

    private static int All(string[] args, TextWriter output, TextWriter error)
    {
        var options = Pairs(args);
        if (args.Length % 2 != 0 || options.Keys.Any(k => k is not ("--connection" or "--smoke" or "--out" or "--halt-command" or "--resume-command"))
            || !options.TryGetValue("--connection", out var connection)
            || !bool.TryParse(options.GetValueOrDefault("--smoke", "false"), out var smoke)
            || options.ContainsKey("--halt-command") != options.ContainsKey("--resume-command"))
        {
            error.WriteLine($"bench: all needs --connection (a PostgreSQL server) and takes --smoke (true or false), --out (a file), "
                + $"--halt-command and --resume-command together\n{Usage}");
            return 2;
        }
        if (!IsPostgresConnection(connection, error))
        {
            return 2;
        }
        var report = Path.GetFullPath(options.GetValueOrDefault("--out") ?? Path.Combine(ServerProcess.RepositoryRoot(), "docs", "benchmarks.md"));
        if (!Directory.Exists(Path.GetDirectoryName(report)))
        {
            error.WriteLine($"bench: --out names a file in a folder that does not exist: {report}");
            return 2;
        }
        return AllBenchmarks.RunAsync(new AllBenchmarks.Settings(connection, smoke, OutageOf(options, smoke ? 5 : 30), report), output).GetAwaiter().GetResult();
    }

    /// <summary>The database outage asked for: both commands (checked by the caller), or none.</summary>
    private static FaultsBenchmark.Outage? OutageOf(Dictionary<string, string> options, double seconds) =>
        options.TryGetValue("--halt-command", out var halt) ? new FaultsBenchmark.Outage(halt, options["--resume-command"], TimeSpan.FromSeconds(seconds)) : null;

    private static int Volume(string[] args, TextWriter output, TextWriter error)
    {
        var options = Pairs(args);
        if (args.Length % 2 != 0 || options.Keys.Any(k => k is not ("--connection" or "--dossiers" or "--history" or "--requests" or "--keep-database"))
            || !options.TryGetValue("--connection", out var connection)
            || !int.TryParse(options.GetValueOrDefault("--dossiers", "5000000"), out var dossiers) || dossiers is < 100 or > 50_000_000
            || !int.TryParse(options.GetValueOrDefault("--history", "1000000"), out var history) || history < 0 || history > dossiers
            || !int.TryParse(options.GetValueOrDefault("--requests", "200"), out var requests) || requests is < 1 or > 100_000
            || !bool.TryParse(options.GetValueOrDefault("--keep-database", "false"), out var keep))
        {
            error.WriteLine($"bench: volume needs --connection (a PostgreSQL server) and takes --dossiers (100 to 50000000), --history (0 to --dossiers), "
                + $"--requests (1 to 100000), --keep-database (true or false)\n{Usage}");
            return 2;
        }
        if (!IsPostgresConnection(connection, error))
        {
            return 2;
        }
        var line = VolumeBenchmark.RunAsync(connection, dossiers, history, requests, keep).GetAwaiter().GetResult();
        output.WriteLine(line.ToJson());
        return 0;
    }

    private static int Faults(string[] args, TextWriter output, TextWriter error)
    {
        var options = Pairs(args);
        if (args.Length % 2 != 0
            || options.Keys.Any(k => k is not ("--connection" or "--kills" or "--workers" or "--seconds" or "--halt-command" or "--resume-command" or "--outage-seconds"))
            || !options.TryGetValue("--connection", out var connection)
            || !int.TryParse(options.GetValueOrDefault("--kills", "20"), out var kills) || kills is < 0 or > 1000
            || !int.TryParse(options.GetValueOrDefault("--workers", "64"), out var workers) || workers is < 1 or > 1000
            || !double.TryParse(options.GetValueOrDefault("--seconds", "120"), System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds <= 0
            || !double.TryParse(options.GetValueOrDefault("--outage-seconds", "30"), System.Globalization.CultureInfo.InvariantCulture, out var outageSeconds) || outageSeconds is <= 0 or > 3600
            || options.ContainsKey("--halt-command") != options.ContainsKey("--resume-command"))
        {
            error.WriteLine($"bench: faults needs --connection (a PostgreSQL server) and takes --kills (0 to 1000), --workers (1 to 1000), --seconds (positive), "
                + $"--halt-command and --resume-command together, --outage-seconds (up to 3600)\n{Usage}");
            return 2;
        }
        if (!IsPostgresConnection(connection, error))
        {
            return 2;
        }
        var lines = FaultsBenchmark.RunAsync(connection, kills, workers, TimeSpan.FromSeconds(seconds), OutageOf(options, outageSeconds)).GetAwaiter().GetResult();
        foreach (var line in lines)
        {
            output.WriteLine(line.ToJson());
        }
        return lines.All(l => Equals(l.Fields["lost"], 0L) && Equals(l.Fields["duplicated"], 0L) && Equals(l.Fields["timers_fired_twice"], 0L)) ? 0 : 1;
    }

    private static int Http(string[] args, TextWriter output, TextWriter error)
    {
        var options = Pairs(args);
        var rates = new List<double>();
        foreach (var rate in options.GetValueOrDefault("--rate", "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(rate, System.Globalization.CultureInfo.InvariantCulture, out var r) || r is <= 0 or > 100_000)
            {
                error.WriteLine($"bench: --rate takes arrival rates from 0 to 100000 requests/s, comma-separated, e.g. 200,400,800,1600\n{Usage}");
                return 2;
            }
            rates.Add(r);
        }
        if (args.Length % 2 != 0 || options.Keys.Any(k => k is not ("--connection" or "--seconds" or "--think-ms" or "--clerks" or "--trackers" or "--rate"))
            || !options.TryGetValue("--connection", out var connection)
            || !double.TryParse(options.GetValueOrDefault("--seconds", "10"), System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds <= 0
            || !double.TryParse(options.GetValueOrDefault("--think-ms", "0"), System.Globalization.CultureInfo.InvariantCulture, out var think) || think is < 0 or > 60_000
            || !int.TryParse(options.GetValueOrDefault("--clerks", "64"), out var clerks) || clerks is < 0 or > 1000
            || !int.TryParse(options.GetValueOrDefault("--trackers", "64"), out var trackers) || trackers is < 0 or > 1000 || clerks + trackers == 0)
        {
            error.WriteLine($"bench: http needs --connection (a PostgreSQL server) and takes --seconds (positive), --think-ms (0 to 60000), --clerks and --trackers (0 to 1000, not both 0)\n{Usage}");
            return 2;
        }
        if (!IsPostgresConnection(connection, error))
        {
            return 2;
        }
        if (rates.Count > 0)
        {
            foreach (var line in HttpBenchmark.RunOpenLoopAsync(connection, TimeSpan.FromSeconds(seconds), rates).GetAwaiter().GetResult())
            {
                output.WriteLine(line.ToJson());
            }
            return 0;
        }
        output.WriteLine(HttpBenchmark.RunAsync(connection, TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(think), clerks, trackers)
            .GetAwaiter().GetResult().ToJson());
        return 0;
    }

    private static int Durable(string[] args, TextWriter output, TextWriter error)
    {
        var options = Pairs(args);
        if (args.Length % 2 != 0 || options.Keys.Any(k => k is not ("--provider" or "--connection" or "--workers" or "--seconds")))
        {
            error.WriteLine(Usage);
            return 2;
        }
        var provider = options.GetValueOrDefault("--provider", "sqlite") switch
        {
            "sqlite" => Runtime.Persistence.DatabaseProvider.Sqlite,
            "postgres" => Runtime.Persistence.DatabaseProvider.Postgres,
            var other => (Runtime.Persistence.DatabaseProvider?)null,
        };
        if (provider is null)
        {
            error.WriteLine($"bench: --provider is sqlite or postgres\n{Usage}");
            return 2;
        }
        if (!int.TryParse(options.GetValueOrDefault("--workers", "1"), out var workers) || workers < 1
            || !double.TryParse(options.GetValueOrDefault("--seconds", "10"), System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
        {
            error.WriteLine($"bench: --workers and --seconds take positive numbers\n{Usage}");
            return 2;
        }
        var temporaryFile = provider == Runtime.Persistence.DatabaseProvider.Sqlite && !options.ContainsKey("--connection")
            ? Path.Combine(Path.GetTempPath(), $"pwf-bench-{Guid.NewGuid():N}.db")
            : null;
        var connection = temporaryFile is not null ? $"Data Source={temporaryFile}" : options.GetValueOrDefault("--connection");
        if (connection is null)
        {
            error.WriteLine($"bench: postgres needs --connection, e.g. the one tools/test-postgres.sh start prints\n{Usage}");
            return 2;
        }
        if (provider == Runtime.Persistence.DatabaseProvider.Postgres && !IsPostgresConnection(connection, error))
        {
            return 2;
        }
        try
        {
            output.WriteLine(DurableBenchmark.RunAsync(provider.Value, connection, workers, TimeSpan.FromSeconds(seconds)).GetAwaiter().GetResult().ToJson());
            return 0;
        }
        finally
        {
            if (temporaryFile is not null)
            {
                Runtime.Persistence.SqliteFiles.Delete(temporaryFile);
            }
        }
    }
}
