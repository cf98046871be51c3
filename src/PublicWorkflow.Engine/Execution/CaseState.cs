using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PublicWorkflow.Engine.Execution;

public enum CaseStatus
{
    NotStarted,
    Running,
    Completed,
    Terminated,
    Cancelled,
}

public enum StepStatus
{
    Waiting,
    Incident,
}

/// <summary>An active step. <paramref name="ScopeId"/> is the enclosing sub-process instance, null at case level.</summary>
public sealed record ActivityInstance(string Id, string ElementId, string? ScopeId, StepStatus Status = StepStatus.Waiting, string? Incident = null);

/// <summary>A pending timer of a step (<paramref name="OwnerId"/>); <paramref name="RemainingFirings"/> is null for an endless cycle.</summary>
public sealed record TimerInstance(string Id, string ElementId, string OwnerId, DateTimeOffset DueAt, int? RemainingFirings);

/// <summary>Tokens that reached a joining gateway on one incoming flow and wait for the others.</summary>
public sealed record JoinArrival(string GatewayId, string? ScopeId, string FlowId, int Count);

/// <summary>
/// Everything the engine knows of one case, as plain serialisable data. The schema version lets a later
/// engine read (or refuse) what an earlier one stored.
/// </summary>
public sealed record CaseState
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public CaseStatus Status { get; init; }
    public ImmutableSortedDictionary<string, JsonElement> Variables { get; init; } = ImmutableSortedDictionary<string, JsonElement>.Empty.WithComparers(StringComparer.Ordinal);
    public ImmutableArray<ActivityInstance> Activities { get; init; } = [];
    public ImmutableArray<TimerInstance> Timers { get; init; } = [];
    public ImmutableArray<JoinArrival> Joins { get; init; } = [];

    /// <summary>Last id handed out; ids are made from it, never from GUIDs or the clock.</summary>
    public long Sequence { get; init; }

    public static CaseState New { get; } = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="NotSupportedException">The state was written by an engine with a newer schema.</exception>
    public static CaseState FromJson(string json)
    {
        var state = JsonSerializer.Deserialize<CaseState>(json, Json) ?? throw new JsonException("case state is empty");
        if (state.SchemaVersion > CurrentSchemaVersion)
        {
            throw new NotSupportedException($"case state schema {state.SchemaVersion} is newer than this engine's {CurrentSchemaVersion}");
        }
        return state;
    }
}
