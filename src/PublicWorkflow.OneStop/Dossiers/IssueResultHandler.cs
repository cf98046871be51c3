using PublicWorkflow.Runtime.Handlers;
using System.Globalization;
using System.Text.Json;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>
/// <c>SYSTEM.issue-RESULT</c> (e.g. construction.issue-permit) and <c>national-population-db.assign-personal-id</c>:
/// records the result's number in the case. The number is derived from the case and the step, so running the
/// step again gives the same number. Connecting the national registries is a deployment adapter; until then the
/// center issues its own numbers.
/// </summary>
public sealed class IssueResultHandler(TimeProvider clock) : IServiceHandler
{
    public bool Handles(string handlerName) =>
        handlerName.Contains(".issue-", StringComparison.Ordinal) || handlerName == "national-population-db.assign-personal-id";

    public Task<IReadOnlyDictionary<string, JsonElement>> HandleAsync(HandlerContext context, CancellationToken cancellationToken)
    {
        var kind = context.Handler[(context.Handler.LastIndexOf('.') + 1)..].Replace("issue-", "", StringComparison.Ordinal);
        var year = clock.GetUtcNow().Year.ToString(CultureInfo.InvariantCulture);
        var number = $"{kind.ToUpperInvariant()}-{year}-{context.CaseId.ToString("N")[..8].ToUpperInvariant()}-{context.ActivityId}";
        IReadOnlyDictionary<string, JsonElement> outputs = new Dictionary<string, JsonElement>
        {
            ["resultNumber"] = JsonSerializer.SerializeToElement(number),
        };
        return Task.FromResult(outputs);
    }
}
