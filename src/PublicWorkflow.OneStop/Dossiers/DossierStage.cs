using PublicWorkflow.Engine.Model;
using PublicWorkflow.Engine.Validation;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>Who does a step: the branch that received the dossier, the resolving agency, or the applicant.</summary>
public enum Party
{
    Branch,
    Agency,
    Applicant,
}

/// <summary>
/// A step's place in the one-stop lifecycle, read from <c>pwf:stage</c> (see docs/bpmn-extensions.md): who does it,
/// the dossier's status while it is open, and the share of the time limit that should be used by its end.
/// </summary>
public sealed record DossierStage(string Name, Party Party, DossierStatus Status, decimal Share)
{
    private static readonly Dictionary<string, DossierStage> Known = new DossierStage[]
    {
        new("digitize", Party.Branch, DossierStatus.Accepted, 0m),
        new("handover", Party.Branch, DossierStatus.Accepted, 0m),
        new("appraise", Party.Agency, DossierStatus.Processing, 0.60m),
        new("consult", Party.Agency, DossierStatus.Processing, 0.60m),
        new("refuse", Party.Agency, DossierStatus.Processing, 0.80m),
        new("decide", Party.Agency, DossierStatus.Processing, 0.85m),
        new("supplement", Party.Applicant, DossierStatus.SupplementRequested, 0m),
        new("fees", Party.Applicant, DossierStatus.AwaitingFees, 0m),
        new("hand-back", Party.Agency, DossierStatus.Resolved, 0.95m),
        new("return", Party.Branch, DossierStatus.Resolved, 1m),
    }.ToDictionary(s => s.Name);

    /// <summary>A step without a stage is agency work while the dossier is processed.</summary>
    public static DossierStage Unmarked { get; } = new("", Party.Agency, DossierStatus.Processing, 0.60m);

    public static DossierStage Of(FlowNode? node) =>
        node?.Pwf.Stage is { } name && Known.TryGetValue(name, out var stage) ? stage : Unmarked;

    /// <summary>
    /// A <c>pwf:stage</c> outside the vocabulary is a problem on its element, never read as "no stage": a typo would
    /// otherwise hand the step to the wrong party and give the dossier the wrong status.
    /// </summary>
    public static IEnumerable<Problem> Problems(Definition definition) =>
        definition.Nodes.Where(n => n.Pwf.Stage is { } name && !Known.ContainsKey(name)).Select(n => new Problem(
            "unknown-stage", n.Id, n.Line.Number,
            $"pwf:stage '{n.Pwf.Stage}' is not one of {string.Join(", ", Known.Keys)}",
            $"pwf:stage '{n.Pwf.Stage}' không thuộc danh sách {string.Join(", ", Known.Keys)}"));

    /// <summary>
    /// The status of a running dossier from its open steps: waiting for the applicant comes first (the clock may be
    /// paused), then agency work, then a result ready, then a dossier still at the branch.
    /// </summary>
    public static DossierStatus StatusOf(IEnumerable<DossierStage> open)
    {
        var statuses = open.Select(s => s.Status).ToList();
        foreach (var status in new[] { DossierStatus.SupplementRequested, DossierStatus.AwaitingFees, DossierStatus.Processing, DossierStatus.Resolved })
        {
            if (statuses.Contains(status))
            {
                return status;
            }
        }
        return DossierStatus.Accepted;
    }
}
