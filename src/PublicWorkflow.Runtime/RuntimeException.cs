namespace PublicWorkflow.Runtime;

public enum RuntimeErrorKind
{
    /// <summary>The case, task, timer or definition does not exist.</summary>
    NotFound,

    /// <summary>Another command changed the same thing first, or the step is no longer active (HTTP 409).</summary>
    Conflict,

    /// <summary>The case's state does not allow the command (HTTP 422).</summary>
    Rejected,

    /// <summary>The input itself is wrong: bad BPMN, an invalid definition, a malformed key (HTTP 400).</summary>
    Invalid,

    /// <summary>The input is over a size limit (HTTP 413).</summary>
    TooLarge,
}

/// <summary>Why a runtime command did nothing, with a stable code and a plain message.</summary>
public sealed class RuntimeException(RuntimeErrorKind kind, string code, string message, IReadOnlyList<Engine.Validation.Problem>? problems = null)
    : Exception(message)
{
    public RuntimeErrorKind Kind { get; } = kind;
    public string Code { get; } = code;

    /// <summary>For an invalid definition: every validation problem.</summary>
    public IReadOnlyList<Engine.Validation.Problem> Problems { get; } = problems ?? [];

    /// <summary>For invalid input: the request field at fault (e.g. "locality", "documents[2]").</summary>
    public string? Field { get; init; }

    public static RuntimeException NotFound(string what, object id) => new(RuntimeErrorKind.NotFound, "not-found", $"{what} '{id}' does not exist");

    public static RuntimeException Invalid(string field, string message) => new(RuntimeErrorKind.Invalid, "invalid-input", message) { Field = field };

    public static RuntimeException Rejected(string code, string message) => new(RuntimeErrorKind.Rejected, code, message);

    public static RuntimeException TooLarge(string field, string message) => new(RuntimeErrorKind.TooLarge, "too-large", message) { Field = field };
}
