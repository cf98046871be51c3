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
}
