namespace PublicWorkflow.Engine.Validation;

/// <summary>
/// One thing wrong with a definition, where it is, and why, in English and Vietnamese. A warning does not stop a
/// version being published: it tells the officer something the workflow should agree with and does not.
/// </summary>
public sealed record Problem(string Code, string? ElementId, int Line, string Reason, string ReasonVi, bool IsWarning = false)
{
    public string ReasonIn(string language) => language.StartsWith("vi", StringComparison.OrdinalIgnoreCase) ? ReasonVi : Reason;

    public override string ToString() => $"{Line}: {ElementId ?? "-"}: {(IsWarning ? "warning: " : "")}{Reason}";
}
