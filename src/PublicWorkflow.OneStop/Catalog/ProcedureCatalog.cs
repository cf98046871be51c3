using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime.Definitions;

namespace PublicWorkflow.OneStop.Catalog;

/// <summary>
/// The procedure catalog as loaded from <c>procedure-catalog/</c>: the government structure, the procedures whose
/// entries are valid, and the problems of those that are not (a bad entry is reported and left out, never half-read).
/// </summary>
public sealed class ProcedureCatalog
{
    private readonly Dictionary<string, Procedure> byCode;

    public ProcedureCatalog(GovernmentStructure structure, IReadOnlyList<Procedure> procedures, IReadOnlyList<CatalogProblem> problems,
        IReadOnlyDictionary<string, string> workflowFiles, FormSets? forms = null)
    {
        Forms = forms ?? FormSets.Empty;
        Structure = structure;
        Procedures = procedures;
        Problems = problems;
        WorkflowFiles = workflowFiles;
        byCode = procedures.ToDictionary(p => p.Code);
    }

    public static ProcedureCatalog Empty { get; } = new(GovernmentStructure.Empty, [], [], new Dictionary<string, string>());

    public GovernmentStructure Structure { get; }

    /// <summary>The one-stop paper forms by the circular in force on a paper's date.</summary>
    public FormSets Forms { get; }
    public IReadOnlyList<Procedure> Procedures { get; }
    public IReadOnlyList<CatalogProblem> Problems { get; }

    /// <summary>Workflow key -> path of its valid .bpmn file, for the workflows the loaded procedures run.</summary>
    public IReadOnlyDictionary<string, string> WorkflowFiles { get; }

    public Procedure? Find(string code) => byCode.GetValueOrDefault(code);

    /// <summary>Workflows the center runs besides its procedures' (the support hub's handling of feedback), imported the same way.</summary>
    public static readonly IReadOnlyList<string> CenterWorkflows = [Feedback.FeedbackWorkflow.Key];

    /// <summary>
    /// Loads the structure, then every <c>procedures/*.json</c>. A procedure may only name a workflow whose file in
    /// <paramref name="workflowsFolder"/> parses and validates; two entries with one code are both refused.
    /// </summary>
    public static ProcedureCatalog Load(string catalogFolder, string workflowsFolder)
    {
        var problems = new List<CatalogProblem>();
        var structure = StructureLoader.Load(Path.Combine(catalogFolder, "structure"), problems);
        var workflows = ValidWorkflows(workflowsFolder, problems);
        var procedures = new List<Procedure>();
        var folder = Path.Combine(catalogFolder, "procedures");
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal) : Enumerable.Empty<string>();
        foreach (var path in files)
        {
            if (ProcedureLoader.Read($"procedures/{Path.GetFileName(path)}", File.ReadAllText(path), structure, workflows.Keys.ToHashSet(), problems) is { } procedure)
            {
                procedures.Add(procedure);
            }
        }
        foreach (var duplicate in procedures.GroupBy(p => p.Code).Where(g => g.Count() > 1).ToList())
        {
            foreach (var procedure in duplicate)
            {
                problems.Add(new CatalogProblem(procedure.File, "code", $"{duplicate.Key} is also the code of {string.Join(", ", duplicate.Where(p => p != procedure).Select(p => p.File))}"));
                procedures.Remove(procedure);
            }
        }
        var used = procedures.Select(p => p.Workflow).Concat(CenterWorkflows).ToHashSet();
        var forms = FormSets.Load(Path.Combine(catalogFolder, "forms.json"), problems);
        return new ProcedureCatalog(structure, procedures, problems, workflows.Where(w => used.Contains(w.Key)).ToDictionary(), forms);
    }

    private static Dictionary<string, string> ValidWorkflows(string folder, List<CatalogProblem> problems)
    {
        var valid = new Dictionary<string, string>();
        if (!Directory.Exists(folder))
        {
            problems.Add(new CatalogProblem(folder, "(folder)", "the workflows folder is missing"));
            return valid;
        }
        foreach (var path in Directory.GetFiles(folder, "*.bpmn"))
        {
            var file = $"workflows/{Path.GetFileName(path)}";
            // The same rules as publishing: a workflow the store would refuse is not offered to procedures.
            var found = DefinitionStore.Validate(File.ReadAllText(path), ProcedureWorkflowRules.All).Where(p => !p.IsWarning).ToList();
            if (found.Count == 0)
            {
                valid[Path.GetFileNameWithoutExtension(path)] = path;
            }
            else
            {
                problems.AddRange(found.Select(p => new CatalogProblem(file, p.ElementId ?? $"line {p.Line}", p.Reason)));
            }
        }
        return valid;
    }
}
