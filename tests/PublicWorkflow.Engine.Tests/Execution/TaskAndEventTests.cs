using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Tests.Support;

namespace PublicWorkflow.Engine.Tests.Execution;

public sealed class TaskAndEventTests
{
    [Test]
    public void Start_runs_to_the_first_user_task_and_opens_it_with_role_level_and_due_date()
    {
        var definition = new ProcessBuilder().Start().UserTask("receive", role: "reception-clerk", limit: "2").End().Chain("start", "receive", "end").Build();
        var driver = new CaseDriver(definition).Start(new { applicant = "A" });

        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Running));
        Assert.That(driver.Active, Is.EqualTo(new[] { "receive" }));
        var open = driver.EffectsOf<OpenTask>().Single();
        Assert.That(open.CandidateRole, Is.EqualTo("reception-clerk"));
        Assert.That(open.Level, Is.EqualTo("commune"));
        // Tuesday 3 March 2026 09:00 + 2 working days -> Thursday 5 March, office close 17:00 Hanoi time.
        Assert.That(open.DueAt, Is.EqualTo(new DateTimeOffset(2026, 3, 5, 17, 0, 0, TimeSpan.FromHours(7))));
        Assert.That(driver.State.Variables["applicant"].GetString(), Is.EqualTo("A"));
    }

    [Test]
    public void Completing_the_last_task_closes_it_and_completes_the_case_with_its_outputs()
    {
        var definition = new ProcessBuilder().Start().UserTask("t").End().Chain("start", "t", "end").Build();
        var driver = new CaseDriver(definition).Start().Complete("t", new { approved = true });

        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Completed));
        Assert.That(driver.State.Activities, Is.Empty);
        Assert.That(driver.Effects.OfType<CloseTask>().Single().Reason, Is.EqualTo(CloseReason.Completed));
        Assert.That(driver.Effects.OfType<CaseCompleted>().Single().Outcome, Is.EqualTo(CaseOutcome.Completed));
        Assert.That(driver.State.Variables["approved"].GetBoolean(), Is.True);
    }

    [Test]
    public void A_command_for_a_task_no_longer_active_is_rejected_and_changes_nothing()
    {
        var definition = new ProcessBuilder().Start().UserTask("a").UserTask("b").End().Chain("start", "a", "b", "end").Build();
        var driver = new CaseDriver(definition).Start();
        var first = driver.TaskOf("a");
        driver.Complete("a");
        var before = driver.State;

        var again = driver.Do(new CompleteTask(first));

        Assert.That(again.Rejection!.Code, Is.EqualTo(RejectionCode.NotActive));
        Assert.That(again.Rejection.Message, Does.Contain(first));
        Assert.That(again.Effects, Is.Empty);
        Assert.That(again.State, Is.SameAs(before));
    }

    [Test]
    public void Completing_a_service_task_as_a_user_task_is_rejected()
    {
        var definition = new ProcessBuilder().Start().ServiceTask("s").End().Chain("start", "s", "end").Build();
        var driver = new CaseDriver(definition).Start();

        var result = driver.Do(new CompleteTask(driver.TaskOf("s")));

        Assert.That(result.Rejection!.Code, Is.EqualTo(RejectionCode.WrongKind));
    }

    [Test]
    public void A_service_task_invokes_its_handler_and_continues_when_it_succeeds()
    {
        var definition = new ProcessBuilder().Start().ServiceTask("notify", "notify-applicant").End().Chain("start", "notify", "end").Build();
        var driver = new CaseDriver(definition).Start();

        var invoke = driver.EffectsOf<InvokeHandler>().Single();
        Assert.That(invoke.Handler, Is.EqualTo("notify-applicant"));
        driver.Must(new HandlerSucceeded(invoke.ActivityId, CaseDriver.Vars(new { notified = true })));
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Completed));
    }

    [Test]
    public void A_failed_handler_opens_an_incident_that_a_retry_clears_and_reinvokes()
    {
        var definition = new ProcessBuilder().Start().ServiceTask("issue", "issue-result").End().Chain("start", "issue", "end").Build();
        var driver = new CaseDriver(definition).Start();
        var task = driver.TaskOf("issue");

        driver.Must(new HandlerFailed(task, "registry unavailable"));
        Assert.That(driver.State.Activities.Single().Status, Is.EqualTo(StepStatus.Incident));
        Assert.That(driver.EffectsOf<IncidentOpened>().Single().Error, Is.EqualTo("registry unavailable"));

        driver.Must(new RetryIncident(task));
        Assert.That(driver.State.Activities.Single().Status, Is.EqualTo(StepStatus.Waiting));
        Assert.That(driver.EffectsOf<InvokeHandler>().Single().ActivityId, Is.EqualTo(task));
        Assert.That(driver.Do(new RetryIncident(task)).Rejection!.Code, Is.EqualTo(RejectionCode.NotActive), "no incident left to retry");

        driver.Must(new HandlerSucceeded(task));
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Completed));
    }

    [Test]
    public void A_call_activity_asks_for_a_called_case_and_waits_until_it_reports_back()
    {
        var definition = new ProcessBuilder().Start().CallActivity("call", "judicial-record").End().Chain("start", "call", "end").Build();
        var driver = new CaseDriver(definition).Start(new { citizen = "x" });

        var start = driver.EffectsOf<StartCalledCase>().Single();
        Assert.That(start.CalledElement, Is.EqualTo("judicial-record"));
        Assert.That(start.Variables.ContainsKey("citizen"), Is.True);
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Running));

        driver.Must(new CalledCaseCompleted(start.ActivityId, CaseDriver.Vars(new { record = "clean" })));
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Completed));
        Assert.That(driver.State.Variables["record"].GetString(), Is.EqualTo("clean"));
    }

    [Test]
    public void A_message_catch_waits_for_its_message_and_rejects_others()
    {
        var definition = new ProcessBuilder().Start().MessageCatch("wait", "supplementReceived").End().Chain("start", "wait", "end").Build();
        var driver = new CaseDriver(definition).Start();

        Assert.That(driver.Do(new DeliverMessage("feePaid")).Rejection!.Code, Is.EqualTo(RejectionCode.NotActive));
        driver.Must(new DeliverMessage("supplementReceived", CaseDriver.Vars(new { pages = 3 })));
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Completed));
        Assert.That(driver.State.Variables["pages"].GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public void A_message_start_event_starts_the_case_by_message_name()
    {
        var definition = new ProcessBuilder().MessageStart("online", "dossierSubmitted").UserTask("t").End().Chain("online", "t", "end").Build();
        var driver = new CaseDriver(definition);

        Assert.That(driver.Do(new StartCase()).Rejection!.Code, Is.EqualTo(RejectionCode.WrongKind));
        driver.Must(new StartCase(MessageName: "dossierSubmitted"));
        Assert.That(driver.Active, Is.EqualTo(new[] { "t" }));
        Assert.That(driver.Do(new StartCase(MessageName: "dossierSubmitted")).Rejection!.Code, Is.EqualTo(RejectionCode.AlreadyStarted));
    }

    [Test]
    public void An_intermediate_timer_waits_until_due_and_refuses_to_fire_early()
    {
        var definition = new ProcessBuilder().Start().TimerCatch("cool-off", "PT2H").End().Chain("start", "cool-off", "end").Build();
        var driver = new CaseDriver(definition).Start();

        var timer = driver.EffectsOf<ScheduleTimer>().Single();
        Assert.That(timer.DueAt, Is.EqualTo(driver.Now.AddHours(2)));
        Assert.That(driver.Do(new FireTimer(timer.TimerId)).Rejection!.Code, Is.EqualTo(RejectionCode.NotDue));

        driver.FireTimerOf("cool-off");
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Completed));
        Assert.That(driver.Do(new FireTimer(timer.TimerId)).Rejection!.Code, Is.EqualTo(RejectionCode.CaseNotRunning));
    }

    [Test]
    public void Cancel_closes_every_active_step_and_timer()
    {
        var definition = new ProcessBuilder().Start().UserTask("t").BoundaryTimer("late", "t", "P1D").End().End("late-end")
            .Chain("start", "t", "end").Flow("late", "late-end").Build();
        var driver = new CaseDriver(definition).Start();

        driver.Must(new CancelCase("withdrawn by the applicant"));

        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Cancelled));
        Assert.That(driver.State.Activities, Is.Empty);
        Assert.That(driver.State.Timers, Is.Empty);
        Assert.That(driver.EffectsOf<CancelTimer>().Count(), Is.EqualTo(1));
        Assert.That(driver.EffectsOf<CloseTask>().Single().Reason, Is.EqualTo(CloseReason.Cancelled));
        Assert.That(driver.EffectsOf<AuditEntry>().Any(a => a.Detail == "withdrawn by the applicant"), Is.True);
    }

    [Test]
    public void Terminate_end_ends_every_token_of_the_case()
    {
        var definition = new ProcessBuilder().Start().Parallel("fork").UserTask("a").UserTask("b").Terminate("stop").End()
            .Chain("start", "fork").Flow("fork", "a").Flow("fork", "b").Flow("a", "stop").Flow("b", "end").Build();
        var driver = new CaseDriver(definition).Start();
        Assert.That(driver.Active, Is.EqualTo(new[] { "a", "b" }));

        driver.Complete("a");

        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Terminated));
        Assert.That(driver.State.Activities, Is.Empty);
        Assert.That(driver.EffectsOf<CaseCompleted>().Single().Outcome, Is.EqualTo(CaseOutcome.Terminated));
    }

    [Test]
    public void Terminate_end_inside_a_sub_process_ends_only_that_scope()
    {
        var definition = new ProcessBuilder()
            .Start().Parallel("fork").UserTask("outside").End("end-outside")
            .SubProcess("sub", b => b.Start("s").Parallel("inner-fork").UserTask("x").UserTask("y").Terminate("stop").End("e")
                .Chain("s", "inner-fork").Flow("inner-fork", "x").Flow("inner-fork", "y").Flow("x", "stop").Flow("y", "e"))
            .UserTask("after").End()
            .Chain("start", "fork").Flow("fork", "outside").Flow("outside", "end-outside").Flow("fork", "sub").Chain("sub", "after", "end")
            .Build();
        var driver = new CaseDriver(definition).Start();
        Assert.That(driver.Active, Is.EqualTo(new[] { "outside", "sub", "x", "y" }));

        driver.Complete("x");

        Assert.That(driver.Active, Is.EqualTo(new[] { "after", "outside" }));
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Running));
    }
}
