using System.Text.Json;

namespace PublicWorkflow.Runtime.Handlers;

/// <summary>What a handler knows about the step it runs for.</summary>
public sealed record HandlerContext(Guid CaseId, string ActivityId, string ElementId, string Handler, IReadOnlyDictionary<string, JsonElement> Variables);

/// <summary>
/// Work a service task asks for (notify the applicant, issue the result, query a national database).
/// It must be idempotent: after a crash the same step may run it again. Its outputs become case variables.
/// </summary>
public interface IServiceHandler
{
    bool Handles(string handlerName);

    Task<IReadOnlyDictionary<string, JsonElement>> HandleAsync(HandlerContext context, CancellationToken cancellationToken);
}
