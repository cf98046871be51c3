using System.Text.Json;
using PublicWorkflow.Engine.Execution;

namespace PublicWorkflow.Runtime.Cases;

// What each outbox row asks Hangfire to do, as JSON. Variables travel as JSON text so the payload stays flat.

public sealed record TimerPayload(Guid TimerRecordId, DateTime DueAt);

public sealed record HandlerPayload(string ActivityId, string ElementId, string Handler);

public sealed record StartChildPayload(string ActivityId, string CalledElement, string VariablesJson);

public sealed record ReportToParentPayload(Guid ParentCaseId, string ParentActivityId, CaseOutcome Outcome, string VariablesJson);

public sealed record CancelChildPayload(string ActivityId);

internal static class Payload
{
    public static string Write<T>(T payload) => JsonSerializer.Serialize(payload);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json) ?? throw new JsonException($"empty {typeof(T).Name}");

    public static string Variables(IReadOnlyDictionary<string, JsonElement> variables) => JsonSerializer.Serialize(variables);

    public static Dictionary<string, JsonElement> Variables(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];
}
