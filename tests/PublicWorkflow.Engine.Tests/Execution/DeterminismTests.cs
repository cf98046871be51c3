using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Tests.Support;

namespace PublicWorkflow.Engine.Tests.Execution;

public sealed class DeterminismTests
{
    private static (CaseDriver Driver, List<string> Log) RunPermit()
    {
        var definition = BpmnParser.Parse(Repo.Workflow("construction-permit-house"));
        var driver = new CaseDriver(definition).Start(new { applicant = "demo" });
        var log = new List<string>();
        void Step(Action act)
        {
            act();
            log.Add(driver.State.ToJson());
            log.AddRange(driver.Effects.Select(e => e.ToString()));
        }
        Step(() => driver.Complete("Task_Receive"));
        Step(() => driver.Complete("Task_Check"));
        Step(() => driver.FireTimerOf("Timer_FireOverdue"));
        Step(() => driver.Complete("Task_ConsultFire"));
        Step(() => driver.Complete("Task_ConsultPlanning"));
        return (driver, log);
    }

    [Test]
    public void The_same_commands_on_the_same_state_give_the_same_state_and_effects()
    {
        var first = RunPermit().Log;
        var second = RunPermit().Log;
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void State_survives_a_json_round_trip_and_execution_continues_from_it()
    {
        var (driver, _) = RunPermit();
        var json = driver.State.ToJson();
        var restored = CaseState.FromJson(json);

        Assert.That(restored.ToJson(), Is.EqualTo(json));
        Assert.That(json, Does.Contain("\"schemaVersion\":1"));
        var interpreter = new Interpreter(PublicWorkflow.Engine.Calendar.WorkingCalendar.BuiltIn);
        var task = restored.Activities.Single(a => a.ElementId == "Task_Appraise").Id;
        var result = interpreter.Execute(driver.Definition, restored, new CompleteTask(task), driver.Now);
        Assert.That(result.Accepted, Is.True, () => result.Rejection!.Message);
    }

    [Test]
    public void State_from_a_newer_schema_is_refused()
    {
        var json = CaseState.New.ToJson().Replace("\"schemaVersion\":1", "\"schemaVersion\":99", StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => CaseState.FromJson(json));
    }

    [Test]
    public void Ids_come_from_the_state_sequence_not_from_guids()
    {
        var (driver, _) = RunPermit();
        Assert.That(driver.State.Activities.Select(a => a.Id), Is.All.Match(@"^a\d+$"));
        Assert.That(driver.State.Sequence, Is.GreaterThan(5));
    }
}
