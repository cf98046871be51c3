using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Validation;
using System.Globalization;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Structure;

namespace PublicWorkflow.Cli;

/// <summary>
/// <c>pwf validate FILE...</c> prints FILE:LINE: ELEMENT_ID: reason per problem and exits 1 on any problem,
/// 2 when a file cannot be read or is not BPMN XML, else 0. <c>pwf export FILE</c> prints the round-tripped XML.
/// <c>pwf catalog</c> checks the procedure catalog the way the server loads it. <c>pwf appointment</c> prints when a
/// dossier received at a given moment is due, by the catalog's rule in force that day.
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
               pwf appointment --procedure CODE --received TIME [--catalog DIR] [--workflows DIR]
                                                    the appointment of a dossier received at TIME (ISO 8601; Vietnam
                                                    time when it has no offset), as ISO 8601 with offset on line 1
        cách dùng: pwf validate [--lang en|vi] TỆP... kiểm tra tệp BPMN; pwf export TỆP xuất lại tệp;
                   pwf catalog [THƯ_MỤC] [QUY_TRÌNH] kiểm tra danh mục thủ tục;
                   pwf appointment --procedure MÃ --received THỜI_ĐIỂM  ngày hẹn trả kết quả
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
            "appointment" => Appointment(args[1..], output, error),
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
        // Warnings do not fail the check: a workflow slower than the law is the officer's to shorten.
        var today = DateOnly.FromDateTime(WorkingCalendar.BuiltIn.ToLocal(DateTimeOffset.UtcNow));
        foreach (var (key, path) in catalog.WorkflowFiles.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            foreach (var warning in StatutoryLimitCheck.Problems(BpmnParser.Parse(File.ReadAllText(path)), catalog, today))
            {
                output.WriteLine($"workflows/{key}.bpmn: warning: {warning.Reason}");
            }
        }
        output.WriteLine($"{catalog.Procedures.Count} procedures, {catalog.Structure.Units.Count} units, {catalog.Structure.Agencies.Count} agencies, " +
            $"{catalog.Structure.Branches.Count} service points, {catalog.Forms.Sets.Count} form sets, {catalog.Problems.Count} problems");
        return catalog.Problems.Count == 0 ? Ok : Problems;
    }

    /// <summary>
    /// Line 1: the appointment (ISO 8601 with offset); line 2: the rule it came from, marked when a fact is unverified.
    /// An unknown procedure, a bad time or a missing folder exits 2 with the reason.
    /// </summary>
    private static int Appointment(string[] args, TextWriter output, TextWriter error)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || args[i] is not ("--procedure" or "--received" or "--catalog" or "--workflows"))
            {
                return Fail(error, $"pwf appointment: unexpected '{args[i]}'\n{Usage}");
            }
            options[args[i]] = args[i + 1];
        }
        if (!options.TryGetValue("--procedure", out var code) || !options.TryGetValue("--received", out var receivedText))
        {
            return Fail(error, "pwf appointment: --procedure and --received are required / cần --procedure và --received");
        }
        var folder = options.GetValueOrDefault("--catalog", "procedure-catalog");
        var workflows = options.GetValueOrDefault("--workflows", "workflows");
        if (!Directory.Exists(folder) || !Directory.Exists(workflows))
        {
            return Fail(error, $"pwf appointment: no folder '{(Directory.Exists(folder) ? workflows : folder)}' / không thấy thư mục");
        }
        var calendarFile = Path.Combine(folder, "calendar", "vn-civil-service.json");
        var calendar = File.Exists(calendarFile) ? new WorkingCalendar(CalendarData.Parse(File.ReadAllText(calendarFile))) : WorkingCalendar.BuiltIn;
        var catalog = ProcedureCatalog.Load(folder, workflows);
        if (catalog.Find(code) is not { } procedure)
        {
            return Fail(error, $"pwf appointment: no procedure '{code}' in {folder} / không có thủ tục này");
        }
        if (!DossierClock.TryParseReceived(receivedText, calendar, out var received) || received.Year is < 2000 or > 2099)
        {
            return Fail(error, $"pwf appointment: '{receivedText}' is not a time of receipt such as 2026-12-07T15:30 (Vietnam time) or 2026-12-07T15:30+07:00");
        }
        try
        {
            var (rule, at) = new DossierClock(calendar).AppointmentFor(procedure, received);
            output.WriteLine(TimeZoneInfo.ConvertTime(at, calendar.Zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            var cutoff = rule.SameDayCutoff is { } c ? $", after {c.At:HH\\:mm} the next working day{(c.Verified ? "" : " (unverified)")}" : "";
            output.WriteLine($"{procedure.Code}: {rule.Limit.Amount} {TimeLimit.UnitName(rule.Limit.Unit)}{(rule.Verified ? "" : " (unverified)")}{cutoff}");
            return Ok;
        }
        catch (RuntimeException ex)
        {
            return Fail(error, $"pwf appointment: {ex.Message}");
        }
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
