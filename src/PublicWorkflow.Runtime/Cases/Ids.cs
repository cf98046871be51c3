using System.Text.Json;
using System.Text.Json.Serialization;

namespace PublicWorkflow.Runtime.Cases;

/// <summary>An id that is a GUID underneath, typed so one kind cannot be passed where another is meant.</summary>
public interface IGuidId<TSelf> where TSelf : struct, IGuidId<TSelf>
{
    Guid Value { get; }

    static abstract TSelf From(Guid value);
}

/// <summary>A case's id (the row's key).</summary>
[JsonConverter(typeof(GuidIdJson<CaseId>))]
public readonly record struct CaseId(Guid Value) : IGuidId<CaseId>
{
    public static CaseId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

/// <summary>A task row's id: what clerks claim and complete (not the engine's step id within the case).</summary>
[JsonConverter(typeof(GuidIdJson<TaskId>))]
public readonly record struct TaskId(Guid Value) : IGuidId<TaskId>
{
    public static TaskId From(Guid value) => new(value);

    public override string ToString() => Value.ToString();
}

/// <summary>Typed ids are written as the bare GUID, so stored answers and API bodies look as they did with plain GUIDs.</summary>
public sealed class GuidIdJson<T> : JsonConverter<T> where T : struct, IGuidId<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => T.From(reader.GetGuid());

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
