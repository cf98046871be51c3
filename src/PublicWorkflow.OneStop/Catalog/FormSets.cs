using System.Text.Json;

namespace PublicWorkflow.OneStop.Catalog;

/// <summary>A numbered form of a set: "Mẫu số 03" and its title.</summary>
public sealed record Form(string Number, string Title);

/// <summary>The one-stop forms a circular prescribes, in force for a period; a paper uses the set in force on its date.</summary>
public sealed record FormSet(string Code, string Name, Validity Validity, bool Verified, IReadOnlyDictionary<string, Form> Forms);

/// <summary>The form sets of <c>procedure-catalog/forms.json</c>, by date.</summary>
public sealed class FormSets(IReadOnlyList<FormSet> sets)
{
    public static FormSets Empty { get; } = new([]);

    /// <summary>The names the file uses for the papers.</summary>
    public static readonly string[] Papers = ["receipt", "supplement-request", "refusal-to-receive", "apology", "stop-notice", "tracking-sheet", "register"];

    public IReadOnlyList<FormSet> Sets { get; } = sets;

    public FormSet? On(DateOnly date) => Sets.FirstOrDefault(s => s.Validity.Covers(date));

    /// <summary>Reads the file; a missing file is no sets (papers then print without form numbers), a bad one is reported.</summary>
    public static FormSets Load(string path, List<CatalogProblem> problems)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }
        var f = new JsonFields("forms.json");
        using var document = JsonFields.Parse(File.ReadAllText(path), f);
        var sets = new List<FormSet>();
        if (document is not null)
        {
            foreach (var (item, p) in f.Items(document.RootElement, "", "formSets"))
            {
                var code = f.String(item, p, "code");
                var name = f.String(item, p, "name");
                var validity = f.Validity(item, p);
                var forms = new Dictionary<string, Form>();
                if (f.TryGet(item, p, "forms", JsonValueKind.Object, required: true, out var formsElement))
                {
                    foreach (var form in formsElement.EnumerateObject())
                    {
                        var at = JsonFields.Path(JsonFields.Path(p, "forms"), form.Name);
                        if (!Papers.Contains(form.Name))
                        {
                            f.Problem(at, $"not one of {string.Join(", ", Papers)}");
                            continue;
                        }
                        var number = f.String(form.Value, at, "number");
                        var title = f.String(form.Value, at, "title");
                        if (number is not null && title is not null)
                        {
                            forms[form.Name] = new Form(number, title);
                        }
                    }
                }
                if (code is not null && name is not null && validity is not null)
                {
                    sets.Add(new FormSet(code, name, validity, f.Bool(item, p, "verified", true), forms));
                }
            }
        }
        for (var i = 0; i < sets.Count; i++)
        {
            for (var j = i + 1; j < sets.Count; j++)
            {
                if (sets[i].Validity.Overlaps(sets[j].Validity))
                {
                    f.Problem("formSets", $"{sets[i].Code} and {sets[j].Code} are in force at the same time");
                }
            }
        }
        problems.AddRange(f.Problems);
        return f.Problems.Count == 0 ? new FormSets(sets) : Empty;
    }
}
