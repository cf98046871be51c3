using Acornima.Ast;
using Jint;

namespace PublicWorkflow.Engine.Expressions;

/// <summary>A condition parsed once and evaluated many times.</summary>
public sealed class CompiledExpression
{
    internal CompiledExpression(string source, Prepared<Script> script)
    {
        Source = source;
        Script = script;
    }

    public string Source { get; }

    internal Prepared<Script> Script { get; }

    /// <summary>
    /// Parses a JavaScript expression. Camunda-style <c>${…}</c> wrappers are accepted so that files from
    /// Camunda Modeler keep their conditions.
    /// </summary>
    public static bool TryCompile(string source, out CompiledExpression? expression, out string? error)
    {
        var code = Unwrap(source);
        expression = null;
        error = null;
        if (string.IsNullOrWhiteSpace(code))
        {
            error = "the expression is empty";
            return false;
        }
        try
        {
            // Parenthesised so a statement list or a function declaration cannot pass for a condition.
            expression = new CompiledExpression(source, Jint.Engine.PrepareScript($"(\n{code}\n)", strict: true));
            return true;
        }
        catch (Exception ex) when (ex is ScriptPreparationException or Acornima.ParseErrorException)
        {
            // The parser's position refers to our parenthesised wrapper, so only its description is useful.
            error = (ex.InnerException ?? ex) is Acornima.ParseErrorException parse ? parse.Description : ex.Message;
            return false;
        }
    }

    private static string Unwrap(string source)
    {
        var trimmed = source.Trim();
        return trimmed.StartsWith("${", StringComparison.Ordinal) && trimmed.EndsWith('}') ? trimmed[2..^1] : trimmed;
    }
}
