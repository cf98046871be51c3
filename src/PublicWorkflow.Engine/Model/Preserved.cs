namespace PublicWorkflow.Engine.Model;

/// <summary>An attribute of a namespace we do not execute, kept so that export loses nothing.</summary>
/// <param name="Name">Expanded name, <c>{namespace}local</c>.</param>
public sealed record ForeignAttribute(string Name, string Value);

/// <summary>
/// What an element carries that the engine does not interpret: foreign attributes (e.g. camunda:*),
/// extension elements and documentation, each kept as normalised XML text.
/// </summary>
public sealed record Preserved(
    ValueList<ForeignAttribute> Attributes,
    ValueList<string> ChildElements)
{
    public static readonly Preserved None = new([], []);
}
