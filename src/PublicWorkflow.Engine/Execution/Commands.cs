using System.Text.Json;

namespace PublicWorkflow.Engine.Execution;

/// <summary>Something that happens to a case. Commands aimed at a step name it by its activity instance id.</summary>
public abstract record Command;

/// <summary>Starts the case at its none start event, or at the message start event for <paramref name="MessageName"/>.</summary>
public sealed record StartCase(IReadOnlyDictionary<string, JsonElement>? Variables = null, string? MessageName = null) : Command;

/// <summary>A clerk finished a user task; its outputs become case variables.</summary>
public sealed record CompleteTask(string ActivityId, IReadOnlyDictionary<string, JsonElement>? Outputs = null) : Command;

public sealed record FireTimer(string TimerId) : Command;

/// <summary>A message (e.g. the citizen's supplement) for the first step waiting for it.</summary>
public sealed record DeliverMessage(string MessageName, IReadOnlyDictionary<string, JsonElement>? Payload = null) : Command;

public sealed record HandlerSucceeded(string ActivityId, IReadOnlyDictionary<string, JsonElement>? Outputs = null) : Command;

/// <summary>The runtime gave up on a handler (its retries ran out): the step holds an incident.</summary>
public sealed record HandlerFailed(string ActivityId, string Error) : Command;

/// <summary>Clears a step's incident and asks for the handler again.</summary>
public sealed record RetryIncident(string ActivityId) : Command;

/// <summary>The case started by a call activity has ended; its outputs become variables of this case.</summary>
public sealed record CalledCaseCompleted(string ActivityId, IReadOnlyDictionary<string, JsonElement>? Outputs = null) : Command;

public sealed record CancelCase(string Reason) : Command;
