using System.Text.Json;
using System.Text.Json.Nodes;
using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Tests.Support;

namespace PublicWorkflow.Engine.Tests.Replay;

/// <summary>
/// Stored histories: command sequences over the shipped workflows (<c>Histories/*.json</c>) with the state and effects
/// each command produced when they were recorded (<c>*.expected.json</c>). Every run replays them through the pure
/// interpreter; an engine or workflow change that alters behaviour fails here, and shows where. After a deliberate
/// change, record again with <c>PWF_RECORD_HISTORIES=1 dotnet test --filter ReplayTests</c> and review the diff.
/// </summary>
public sealed class ReplayTests
{
    private static readonly string Folder = Path.Combine(Repo.Root, "tests", "PublicWorkflow.Engine.Tests", "Replay", "Histories");
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly Interpreter Interpreter = new(WorkingCalendar.BuiltIn);

    public static IEnumerable<string> Histories() =>
        Directory.GetFiles(Folder, "*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).Order()!;

    [Test]
    public void There_are_histories_of_every_shipped_workflow()
    {
        var covered = Histories().Select(h => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, h + ".json")))!["workflow"]!.GetValue<string>()).ToHashSet();
        Assert.That(covered, Is.SupersetOf(Directory.GetFiles(Repo.Workflows, "*.bpmn").Select(Path.GetFileNameWithoutExtension)));
    }

    [TestCaseSource(nameof(Histories))]
    public void A_stored_history_replays_to_the_same_states_and_effects(string history)
    {
        var recorded = Replay(JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, history + ".json")))!.AsObject());
        var expectedFile = Path.Combine(Folder, history + ".expected.json");
        var text = recorded.ToJsonString(Indented) + "\n";
        if (Environment.GetEnvironmentVariable("PWF_RECORD_HISTORIES") == "1")
        {
            File.WriteAllText(expectedFile, text);
            return;
        }
        Assert.That(File.Exists(expectedFile), Is.True, $"{expectedFile} is missing: record it with PWF_RECORD_HISTORIES=1");
        var expected = JsonNode.Parse(File.ReadAllText(expectedFile))!.AsArray();
        for (var i = 0; i < Math.Max(expected.Count, recorded.Count); i++)
        {
            Assert.That(recorded.ElementAtOrDefault(i)?.ToJsonString(), Is.EqualTo(expected.ElementAtOrDefault(i)?.ToJsonString()), $"{history}: step {i + 1} differs");
        }
    }

    /// <summary>Runs the history's steps; each must be accepted. Steps name elements; the replay finds their instances in the state.</summary>
    private static JsonArray Replay(JsonObject history)
    {
        var definition = BpmnParser.Parse(Repo.Workflow(history["workflow"]!.GetValue<string>()));
        var state = CaseState.New;
        var now = DateTimeOffset.MinValue;
        var results = new JsonArray();
        foreach (var node in history["steps"]!.AsArray())
        {
            var step = node!.AsObject();
            now = step["at"] is { } at ? DateTimeOffset.Parse(at.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : now;
            var command = Command(step, state, ref now);
            var result = Interpreter.Execute(definition, state, command, now);
            Assert.That(result.Rejection, Is.Null, () => $"{step.ToJsonString()} was rejected: {result.Rejection?.Message}");
            state = result.State;
            results.Add(new JsonObject
            {
                ["step"] = step.DeepClone(),
                ["at"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["effects"] = new JsonArray(result.Effects.Select(e => (JsonNode)new JsonObject
                {
                    [e.GetType().Name] = JsonSerializer.SerializeToNode(e, e.GetType()),
                }).ToArray()),
                ["state"] = JsonNode.Parse(state.ToJson()),
            });
        }
        return results;
    }

    private static Command Command(JsonObject step, CaseState state, ref DateTimeOffset now)
    {
        var variables = step["variables"] is JsonObject values ? Vars(values) : null;
        string Instance(string element) => state.Activities.Single(a => a.ElementId == element).Id;
        if (step["start"] is JsonObject start)
        {
            return new StartCase(Vars(start));
        }
        if (step["complete"] is { } complete)
        {
            return new CompleteTask(Instance(complete.GetValue<string>()), variables);
        }
        if (step["message"] is { } message)
        {
            return new DeliverMessage(message.GetValue<string>(), variables);
        }
        if (step["handlerSucceeded"] is { } succeeded)
        {
            return new HandlerSucceeded(Instance(succeeded.GetValue<string>()), variables);
        }
        if (step["handlerFailed"] is { } failed)
        {
            return new HandlerFailed(Instance(failed.GetValue<string>()), step["error"]!.GetValue<string>());
        }
        if (step["retryIncident"] is { } retry)
        {
            return new RetryIncident(Instance(retry.GetValue<string>()));
        }
        if (step["fireTimer"] is { } timerOf)
        {
            // A timer fires at its due instant: the clock moves there.
            var timer = state.Timers.Single(t => t.ElementId == timerOf.GetValue<string>());
            now = timer.DueAt;
            return new FireTimer(timer.Id);
        }
        throw new InvalidOperationException($"a history step needs start, complete, message, handlerSucceeded, handlerFailed, retryIncident or fireTimer: {step.ToJsonString()}");
    }

    private static IReadOnlyDictionary<string, JsonElement> Vars(JsonObject values) =>
        values.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value));
}
