using System.Text.Json;
using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Bench;

/// <summary>
/// Drives many cases of the construction-permit procedure (11 user tasks, a parallel split and join, exclusive
/// gateways, boundary timers, a sub-process, a message catch and a service task) through the in-memory engine,
/// one thread, the way a clerk would: every command is a real Execute on the previous state.
/// </summary>
internal static class EngineBenchmark
{
    public static BenchLine Run(int cases)
    {
        var definition = BpmnParser.Parse(ProcedureText());
        var interpreter = new Interpreter(WorkingCalendar.BuiltIn);
        var now = new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.FromHours(7));
        var outputs = Outputs();

        // Warm-up: JIT tiers, the definition cache, the expression sandbox.
        Measure.WarmUp(() => RunCases(interpreter, definition, now, outputs, 100), minimumRuns: 10);

        long commands = 0, transitions = 0;
        var (seconds, allocated) = Measure.Run(() => (commands, transitions) = RunCases(interpreter, definition, now, outputs, cases));
        return new BenchLine(new Dictionary<string, object>
        {
            ["scenario"] = "engine",
            ["procedure"] = definition.ProcessId,
            ["cases"] = cases,
            ["commands"] = commands,
            ["commands_per_s"] = BenchLine.Round(commands / seconds),
            ["transitions_per_s"] = BenchLine.Round(transitions / seconds),
            ["alloc_bytes_per_command"] = BenchLine.Round((double)allocated / commands),
        });
    }

    private static string ProcedureText()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "workflows", "construction-permit-house.bpmn");
            if (File.Exists(file))
            {
                return File.ReadAllText(file);
            }
        }
        throw new FileNotFoundException("workflows/construction-permit-house.bpmn not found above " + AppContext.BaseDirectory);
    }

    private static Dictionary<string, IReadOnlyDictionary<string, JsonElement>> Outputs()
    {
        static IReadOnlyDictionary<string, JsonElement> Of(string name, bool value) =>
            new Dictionary<string, JsonElement> { [name] = JsonSerializer.SerializeToElement(value) };
        return new()
        {
            ["Task_Review"] = Of("reviewOk", true),
            ["Task_Sign"] = Of("approved", true),
        };
    }

    private static (long Commands, long Transitions) RunCases(Interpreter interpreter, Definition definition, DateTimeOffset now,
        Dictionary<string, IReadOnlyDictionary<string, JsonElement>> outputs, int cases)
    {
        long commands = 0, transitions = 0;
        for (var i = 0; i < cases; i++)
        {
            var result = interpreter.Execute(definition, CaseState.New, new StartCase(), now);
            commands++;
            transitions += result.Transitions;
            var state = result.State;
            while (state.Status == CaseStatus.Running)
            {
                result = interpreter.Execute(definition, state, NextCommand(state, result, outputs), now);
                if (!result.Accepted)
                {
                    throw new InvalidOperationException("benchmark command rejected: " + result.Rejection!.Message);
                }
                commands++;
                transitions += result.Transitions;
                state = result.State;
            }
        }
        return (commands, transitions);
    }

    /// <summary>What the clerks and the runtime do next: the first waiting step, in the order they opened.</summary>
    private static Command NextCommand(CaseState state, ExecutionResult last, Dictionary<string, IReadOnlyDictionary<string, JsonElement>> outputs)
    {
        var step = state.Activities.First(a => a.ElementId != "SubProcess_Approval");
        return step.ElementId switch
        {
            "Catch_FeePaid" => new DeliverMessage("feePaid"),
            "Service_IssuePermit" => new HandlerSucceeded(step.Id),
            _ => new CompleteTask(step.Id, outputs.GetValueOrDefault(step.ElementId)),
        };
    }
}
