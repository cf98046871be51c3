using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Tests.Support;

namespace PublicWorkflow.Engine.Tests.Workflows;

/// <summary>The shipped workflows, run through the interpreter as a clerk and the runtime would.</summary>
public sealed class WorkflowScenarioTests
{
    private static readonly TimeSpan Hanoi = TimeSpan.FromHours(7);

    private static CaseDriver Case(string workflow, DateTimeOffset receivedAt) =>
        new CaseDriver(BpmnParser.Parse(Repo.Workflow(workflow)), receivedAt).Start();

    [Test]
    public void Birth_registration_before_15_00_is_due_the_same_day_and_runs_to_registration()
    {
        var driver = Case("birth-registration", new DateTimeOffset(2026, 3, 3, 14, 0, 0, Hanoi));
        Assert.That(driver.EffectsOf<OpenTask>().Single().DueAt, Is.EqualTo(new DateTimeOffset(2026, 3, 3, 17, 0, 0, Hanoi)));

        driver.Complete("Task_Receive").Complete("Task_Verify", new { eligible = true }).Complete("Task_Sign");
        Assert.That(driver.EffectsOf<InvokeHandler>().Single().Handler, Is.EqualTo("national-population-db.assign-personal-id"));
        driver.Succeed("Service_PersonalId", new { personalId = "001226000001" }).Complete("Task_Return");

        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Completed));
    }

    [Test]
    public void Birth_registration_started_at_15_05_on_a_Friday_has_its_same_day_first_step_due_that_evening()
    {
        // A step's own limit has no cut-off: the 15:00 rule belongs to the procedure's appointment (see OneStop).
        var driver = Case("birth-registration", new DateTimeOffset(2026, 8, 28, 15, 5, 0, Hanoi));
        Assert.That(driver.EffectsOf<OpenTask>().Single().DueAt, Is.EqualTo(new DateTimeOffset(2026, 8, 28, 17, 0, 0, Hanoi)));
    }

    [Test]
    public void Birth_registration_of_an_ineligible_dossier_ends_in_a_refusal()
    {
        var driver = Case("birth-registration", CaseDriver.OrdinaryMorning).Complete("Task_Receive").Complete("Task_Verify", new { eligible = false });
        Assert.That(driver.Active, Is.EqualTo(new[] { "Task_Refuse" }));
        driver.Complete("Task_Refuse", new { reasons = "birth certificate missing" });
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Completed));
    }

    [Test]
    public void Business_household_supplement_loop_goes_back_to_appraisal_then_registers()
    {
        var driver = Case("business-household-registration", CaseDriver.OrdinaryMorning)
            .Complete("Task_Receive").Complete("Task_Appraise", new { dossierComplete = false });
        Assert.That(driver.EffectsOf<InvokeHandler>().Single().Handler, Is.EqualTo("notify-applicant.supplement-request"));

        driver.Succeed("Service_SupplementRequest");
        Assert.That(driver.Active, Is.EqualTo(new[] { "Task_ReceiveSupplement" }));
        driver.Complete("Task_ReceiveSupplement");
        Assert.That(driver.Active, Is.EqualTo(new[] { "Task_Appraise" }));

        driver.Complete("Task_Appraise", new { dossierComplete = true }).Complete("Task_Decide", new { approved = true })
            .Succeed("Service_IssueCertificate").Complete("Task_Return");
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Completed));
    }

    [Test]
    public void Business_household_stops_when_the_supplement_never_comes()
    {
        var driver = Case("business-household-registration", CaseDriver.OrdinaryMorning)
            .Complete("Task_Receive").Complete("Task_Appraise", new { dossierComplete = false }).Succeed("Service_SupplementRequest");

        driver.FireTimerOf("Timer_SupplementExpired");

        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Completed));
        Assert.That(driver.AllEffects.OfType<AuditEntry>().Last(a => a.Kind == "step-cancelled").ElementId, Is.EqualTo("Task_ReceiveSupplement"));
    }

    [Test]
    public void Construction_permit_consults_two_agencies_in_parallel_escalates_overdue_steps_and_grants()
    {
        var driver = Case("construction-permit-house", CaseDriver.OrdinaryMorning).Complete("Task_Receive").Complete("Task_Check");
        Assert.That(driver.Active, Is.EqualTo(new[] { "Task_ConsultFire", "Task_ConsultPlanning" }));
        Assert.That(driver.EffectsOf<OpenTask>().Select(t => t.Level), Is.All.EqualTo("city"));

        driver.FireTimerOf("Timer_FireOverdue");
        var escalation = driver.EffectsOf<RaiseEscalation>().Single();
        Assert.That((escalation.Code, escalation.CaughtBy), Is.EqualTo(("step-overdue", (string?)null)));
        Assert.That(driver.Active, Is.EqualTo(new[] { "Task_ConsultFire", "Task_ConsultPlanning" }), "the late step keeps running");

        driver.Complete("Task_ConsultFire").Complete("Task_ConsultPlanning");
        Assert.That(driver.Active, Is.EqualTo(new[] { "Task_Appraise" }));

        // The team lead sends the file back: the approval sub-process is interrupted and appraisal runs again.
        driver.Complete("Task_Appraise").Complete("Task_Review", new { reviewOk = false });
        Assert.That(driver.Active, Is.EqualTo(new[] { "Task_Appraise" }));

        driver.Complete("Task_Appraise").Complete("Task_Review", new { reviewOk = true }).Complete("Task_Sign", new { approved = true });
        Assert.That(driver.Active, Is.EqualTo(new[] { "Catch_FeePaid" }));
        driver.Must(new DeliverMessage("feePaid", CaseDriver.Vars(new { paymentChannel = "online" })));
        driver.Succeed("Service_IssuePermit").Complete("Task_Return");

        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Completed));
        Assert.That(driver.State.Timers, Is.Empty);
    }
}
