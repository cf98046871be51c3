namespace PublicWorkflow.Engine.Validation;

/// <summary>One thing wrong with a definition, where it is, and why, in English and Vietnamese.</summary>
public sealed record Problem(string Code, string? ElementId, int Line, string Reason, string ReasonVi)
{
    public string ReasonIn(string language) => language.StartsWith("vi", StringComparison.OrdinalIgnoreCase) ? ReasonVi : Reason;

    public override string ToString() => $"{Line}: {ElementId ?? "-"}: {Reason}";
}
