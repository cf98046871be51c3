using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Validation;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;

namespace PublicWorkflow.Cli;

/// <summary>
/// <c>pwf validate FILE...</c> prints FILE:LINE: ELEMENT_ID: reason per problem and exits 1 on any problem,
/// 2 when a file cannot be read or is not BPMN XML, else 0. <c>pwf export FILE</c> prints the round-tripped XML.
/// <c>pwf catalog</c> checks the procedure catalog the way the server loads it.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Problems = 1;
    public const int Unreadable = 2;

    private const string Usage = """
        usage: pwf validate [--lang en|vi] FILE...   check BPMN files; one line per problem
               pwf export FILE                      print the file as the engine writes it back
               pwf catalog [CATALOG] [WORKFLOWS]    check the procedure catalog (default procedure-catalog, workflows)
        cách dùng: pwf validate [--lang en|vi] TỆP... kiểm tra tệp BPMN; pwf export TỆP xuất lại tệp;
                   pwf catalog [THƯ_MỤC] [QUY_TRÌNH] kiểm tra danh mục thủ tục
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            (args.Length == 0 ? error : output).WriteLine(Usage);
            return args.Length == 0 ? Unreadable : Ok;
        }

        return args[0] switch
        {
            "validate" => Validate(args[1..], output, error),
            "export" when args.Length == 2 => Export(args[1], output, error),
            "catalog" when args.Length <= 3 => Catalog(args.Length > 1 ? args[1] : "procedure-catalog", args.Length > 2 ? args[2] : "workflows", output, error),
            _ => Fail(error, $"pwf: unknown command or arguments '{string.Join(' ', args)}'\n{Usage}"),
        };
    }

    /// <summary>Loads the catalog as the server does: one FILE: FIELD: REASON line per problem, exit 1 if any.</summary>
    private static int Catalog(string folder, string workflows, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(folder) || !Directory.Exists(workflows))
        {
            return Fail(error, $"pwf catalog: no folder '{(Directory.Exists(folder) ? workflows : folder)}' / không thấy thư mục");
        }
        var catalog = ProcedureCatalog.Load(folder, workflows);
        foreach (var problem in catalog.Problems)
        {
            output.WriteLine(problem.ToString());
        }
        output.WriteLine($"{catalog.Procedures.Count} procedures, {catalog.Structure.Units.Count} units, {catalog.Structure.Agencies.Count} agencies, " +
            $"{catalog.Structure.Branches.Count} branches, {catalog.Problems.Count} problems");
        return catalog.Problems.Count == 0 ? Ok : Problems;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return Unreadable;
    }

    private static int Validate(string[] args, TextWriter output, TextWriter error)
    {
        var language = "en";
        var files = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--lang" && i + 1 < args.Length)
            {
                language = args[++i];
            }
            else
            {
                files.Add(args[i]);
            }
        }
        if (files.Count == 0)
        {
            return Fail(error, "pwf validate: name at least one BPMN file / cần ít nhất một tệp BPMN");
        }

        var exit = Ok;
        foreach (var file in files)
        {
            if (!TryLoad(file, error, out var definition))
            {
                exit = Unreadable;
                continue;
            }
            foreach (var problem in DefinitionValidator.Validate(definition!))
            {
                output.WriteLine($"{file}:{problem.Line}: {problem.ElementId ?? "-"}: {problem.ReasonIn(language)}");
                exit = Math.Max(exit, Problems);
            }
        }
        return exit;
    }

    private static int Export(string file, TextWriter output, TextWriter error)
    {
        if (!TryLoad(file, error, out var definition))
        {
            return Unreadable;
        }
        output.Write(BpmnExporter.Export(definition!));
        return Ok;
    }

    private static bool TryLoad(string file, TextWriter error, out Engine.Model.Definition? definition)
    {
        definition = null;
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"{file}: cannot read the file / không đọc được tệp: {ex.Message}");
            return false;
        }
        try
        {
            definition = BpmnParser.Parse(text);
            return true;
        }
        catch (BpmnFormatException ex)
        {
            error.WriteLine($"{file}:{ex.Line}: -: {ex.Message}");
            return false;
        }
    }
}
