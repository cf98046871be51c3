using System.Text.RegularExpressions;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Engine.Validation;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>
/// The words a step's outputs use to tell the dossier what happened, in one place for the API, the dossier lifecycle,
/// the workflows' conditions (checked when a workflow is validated) and the clerk's page (served by the API).
/// </summary>
public static partial class StepOutcome
{
    /// <summary>The appraisal's decision: one of <see cref="Decisions"/>.</summary>
    public const string Decision = "decision";
    /// <summary>Why the dossier is refused: a list of texts.</summary>
    public const string Reasons = "reasons";
    /// <summary>Everything the applicant must supply: a list of texts.</summary>
    public const string Missing = "missing";

    public const string Approve = "approve";
    public const string Supplement = "supplement";
    public const string Refuse = "refuse";

    public static readonly IReadOnlyList<string> Decisions = [Approve, Supplement, Refuse];

    [GeneratedRegex("""\bdecision\s*[!=]==?\s*['"]([^'"]*)['"]|['"]([^'"]*)['"]\s*[!=]==?\s*decision\b""")]
    private static partial Regex DecisionComparison();

    /// <summary>
    /// A condition that compares <c>decision</c> with a word outside the vocabulary can never hold (the API only sends
    /// these words): a problem on its flow, so a typo cannot silently send every dossier down the default path.
    /// </summary>
    public static IEnumerable<Problem> Problems(Definition definition) =>
        from flow in definition.Flows
        where flow.Condition is not null
        from Match match in DecisionComparison().Matches(flow.Condition!)
        let word = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value
        where !Decisions.Contains(word)
        select new Problem("unknown-decision", flow.Id, flow.Line.Number,
            $"the condition compares decision with '{word}', which no step sends: one of {string.Join(", ", Decisions)}",
            $"điều kiện so sánh decision với '{word}', giá trị không bước nào gửi: một trong {string.Join(", ", Decisions)}");
}
