using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Model;

namespace PublicWorkflow.Bench;

/// <summary>
/// Three small shapes measured as other engines are measured: definition parsed once, one thread, 2,000 warm-up
/// runs (and at least 3 s, so the tiered JIT has optimised the code), then 10,000 counted runs; one JSON line each with runs per second and bytes allocated per run.
/// </summary>
internal static class ShapeBenchmarks
{
    private const int WarmUpRuns = 2_000;
    private const int CountedRuns = 10_000;
    private static readonly DateTimeOffset Now = new(2026, 3, 3, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly Interpreter Interpreter = new(WorkingCalendar.BuiltIn);

    public static IEnumerable<BenchLine> RunAll()
    {
        var flowchart = BpmnParser.Parse(Flowchart);
        yield return Shape("flowchart", () => RunToEnd(flowchart));

        var userTask = BpmnParser.Parse(UserTaskProcess);
        yield return Shape("usertask-start", () => Interpreter.Execute(userTask, CaseState.New, new StartCase(), Now));

        var waiting = Interpreter.Execute(userTask, CaseState.New, new StartCase(), Now).State;
        var complete = new CompleteTask(waiting.Activities.Single().Id);
        yield return Shape("usertask-complete", () =>
        {
            var result = Interpreter.Execute(userTask, waiting, complete, Now);
            if (result.State.Status != CaseStatus.Completed)
            {
                throw new InvalidOperationException("usertask-complete did not end the case");
            }
        });
    }

    private static BenchLine Shape(string name, Action run)
    {
        Measure.WarmUp(run, WarmUpRuns);
        var (seconds, allocated) = Measure.Run(() =>
        {
            for (var i = 0; i < CountedRuns; i++)
            {
                run();
            }
        });
        return new BenchLine(new Dictionary<string, object>
        {
            ["scenario"] = "engine-shapes",
            ["shape"] = name,
            ["runs"] = CountedRuns,
            ["runs_per_s"] = BenchLine.Round(CountedRuns / seconds),
            ["alloc_bytes_per_run"] = BenchLine.Round((double)allocated / CountedRuns),
        });
    }

    /// <summary>Start to end: every handler the case asks for is reported as succeeded at once.</summary>
    private static void RunToEnd(Definition definition)
    {
        var result = Interpreter.Execute(definition, CaseState.New, new StartCase(), Now);
        var pending = new Queue<InvokeHandler>(result.Effects.OfType<InvokeHandler>());
        var state = result.State;
        while (pending.TryDequeue(out var invoke))
        {
            result = Interpreter.Execute(definition, state, new HandlerSucceeded(invoke.ActivityId), Now);
            state = result.State;
            foreach (var next in result.Effects.OfType<InvokeHandler>())
            {
                pending.Enqueue(next);
            }
        }
        if (state.Status != CaseStatus.Completed)
        {
            throw new InvalidOperationException("flowchart did not reach its end");
        }
    }

    private const string Flowchart = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:pwf="urn:publicworkflow:bpmn:1.0" id="D">
          <process id="flowchart" isExecutable="true">
            <startEvent id="start" />
            <exclusiveGateway id="choose" default="no" />
            <serviceTask id="task" pwf:handler="h" />
            <endEvent id="skipped" />
            <parallelGateway id="split" />
            <serviceTask id="t1" pwf:handler="h" />
            <serviceTask id="t2" pwf:handler="h" />
            <serviceTask id="t3" pwf:handler="h" />
            <parallelGateway id="join" />
            <endEvent id="end" />
            <sequenceFlow id="f0" sourceRef="start" targetRef="choose" />
            <sequenceFlow id="yes" sourceRef="choose" targetRef="task"><conditionExpression xsi:type="tFormalExpression">true</conditionExpression></sequenceFlow>
            <sequenceFlow id="no" sourceRef="choose" targetRef="skipped" />
            <sequenceFlow id="f1" sourceRef="task" targetRef="split" />
            <sequenceFlow id="f2" sourceRef="split" targetRef="t1" />
            <sequenceFlow id="f3" sourceRef="split" targetRef="t2" />
            <sequenceFlow id="f4" sourceRef="split" targetRef="t3" />
            <sequenceFlow id="f5" sourceRef="t1" targetRef="join" />
            <sequenceFlow id="f6" sourceRef="t2" targetRef="join" />
            <sequenceFlow id="f7" sourceRef="t3" targetRef="join" />
            <sequenceFlow id="f8" sourceRef="join" targetRef="end" />
          </process>
        </definitions>
        """;

    private const string UserTaskProcess = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:pwf="urn:publicworkflow:bpmn:1.0" id="D">
          <process id="usertask" isExecutable="true">
            <startEvent id="start" />
            <userTask id="task" pwf:candidateRole="clerk" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="task" />
            <sequenceFlow id="f2" sourceRef="task" targetRef="end" />
          </process>
        </definitions>
        """;
}
