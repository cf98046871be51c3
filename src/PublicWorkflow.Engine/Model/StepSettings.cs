using System.Globalization;

namespace PublicWorkflow.Engine.Model;

/// <summary>
/// The typed reading of a step's extension attributes, with Camunda's attributes as fallback so that
/// files from Camunda Modeler run: camunda:candidateGroups, camunda:assignee, camunda:formKey, and
/// camunda:topic (external task) or camunda:delegateExpression for the handler.
/// </summary>
public sealed record StepSettings(string? Level, string? CandidateRole, string? Assignee, string? Form, string? Handler, TimeLimit? TimeLimit)
{
    private const string Camunda = "{" + Bpmn.BpmnNames.Camunda + "}";

    public static StepSettings Of(FlowNode node)
    {
        string? Camunda(string name) => node.Preserved.Attributes.FirstOrDefault(a => a.Name == StepSettings.Camunda + name)?.Value;

        var handler = node.Pwf.Handler ?? Camunda("topic") ?? Unwrap(Camunda("delegateExpression"));
        return new StepSettings(
            node.Pwf.Level,
            node.Pwf.CandidateRole ?? Camunda("candidateGroups"),
            node.Pwf.Assignee ?? Camunda("assignee"),
            node.Pwf.Form ?? Camunda("formKey"),
            handler,
            TryReadTimeLimit(node.Pwf, out var limit, out _) ? limit : null);
    }

    /// <summary>Reads pwf:timeLimit / pwf:timeLimitUnit; false with a reason when either is malformed.</summary>
    public static bool TryReadTimeLimit(PwfAttributes pwf, out TimeLimit? limit, out string? error)
    {
        limit = null;
        error = null;
        if (pwf.TimeLimit is null)
        {
            if (pwf.TimeLimitUnit is not null)
            {
                error = "pwf:timeLimitUnit is set without pwf:timeLimit";
                return false;
            }
            return true;
        }
        if (!decimal.TryParse(pwf.TimeLimit, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            error = $"pwf:timeLimit '{pwf.TimeLimit}' is not a non-negative number";
            return false;
        }
        if (!Model.TimeLimit.TryParseUnit(pwf.TimeLimitUnit, out var unit))
        {
            error = $"pwf:timeLimitUnit '{pwf.TimeLimitUnit}' is not one of workingDays, calendarDays, workingHours";
            return false;
        }
        if (unit != TimeLimitUnit.WorkingHours && amount != decimal.Truncate(amount))
        {
            error = $"pwf:timeLimit '{pwf.TimeLimit}' must be a whole number of days (use workingHours for parts of a day)";
            return false;
        }
        limit = new TimeLimit(amount, unit);
        return true;
    }

    private static string? Unwrap(string? expression) =>
        expression is not null && expression.StartsWith("${", StringComparison.Ordinal) && expression.EndsWith('}') ? expression[2..^1] : expression;
}
