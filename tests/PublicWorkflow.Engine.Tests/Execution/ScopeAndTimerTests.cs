using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Engine.Tests.Support;

namespace PublicWorkflow.Engine.Tests.Execution;

public sealed class ScopeAndTimerTests
{
    private static Definition ApprovalWithDeadline(bool interrupting, string expression = "P2D", TimerKind kind = TimerKind.Duration) =>
        new ProcessBuilder()
            .Start()
            .SubProcess("approval", b => b.Start("s").Parallel("fork").UserTask("review").UserTask("legal").Parallel("join").UserTask("sign").End("e")
                .Chain("s", "fork").Flow("fork", "review").Flow("fork", "legal").Flow("review", "join").Flow("legal", "join").Chain("join", "sign", "e"))
            .BoundaryTimer("deadline", "approval", expression, interrupting, kind)
            .UserTask("escalated", role: "supervisor").UserTask("return").End().End("escalation-end")
            .Chain("start", "approval", "return", "end").Chain("deadline", "escalated", "escalation-end")
            .Build();

    [Test]
    public void Sub_process_runs_its_inner_flow_and_continues_when_it_is_empty()
    {
        var driver = new CaseDriver(ApprovalWithDeadline(interrupting: true)).Start();
        Assert.That(driver.Active, Is.EqualTo(new[] { "approval", "legal", "review" }));

        driver.Complete("review").Complete("legal").Complete("sign");

        Assert.That(driver.Active, Is.EqualTo(new[] { "return" }));
        Assert.That(driver.State.Timers, Is.Empty, "the boundary timer ends with its sub-process");
        Assert.That(driver.EffectsOf<CancelTimer>().Count(), Is.EqualTo(1));
    }

    [Test]
    public void Interrupting_boundary_timer_cancels_the_sub_process_and_everything_inside()
    {
        var driver = new CaseDriver(ApprovalWithDeadline(interrupting: true)).Start();
        driver.Complete("review");
        Assert.That(driver.State.Joins, Has.Length.EqualTo(1));

        driver.FireTimerOf("deadline");

        Assert.That(driver.Active, Is.EqualTo(new[] { "escalated" }));
        Assert.That(driver.State.Joins, Is.Empty);
        var cancelled = driver.EffectsOf<CloseTask>().Where(c => c.Reason == CloseReason.Cancelled).Select(c => c.ElementId);
        Assert.That(cancelled, Is.EquivalentTo(new[] { "legal", "approval" }));
        var stale = driver.AllEffects.OfType<OpenTask>().Single(t => t.ElementId == "legal").ActivityId;
        Assert.That(driver.Do(new CompleteTask(stale)).Rejection!.Code, Is.EqualTo(RejectionCode.NotActive));
    }

    [Test]
    public void Non_interrupting_boundary_timer_leaves_the_activity_running()
    {
        var driver = new CaseDriver(ApprovalWithDeadline(interrupting: false)).Start();

        driver.FireTimerOf("deadline");

        Assert.That(driver.Active, Is.EqualTo(new[] { "approval", "escalated", "legal", "review" }));
        Assert.That(driver.State.Timers, Is.Empty, "a plain duration fires once");
    }

    [Test]
    public void Non_interrupting_cycle_timer_fires_repeatedly_then_stops()
    {
        var driver = new CaseDriver(ApprovalWithDeadline(interrupting: false, "R3/P1D", TimerKind.Cycle)).Start();
        var firstDue = driver.State.Timers.Single().DueAt;

        driver.FireTimerOf("deadline");
        var second = driver.State.Timers.Single();
        Assert.That(second.DueAt, Is.EqualTo(firstDue.AddDays(1)));
        driver.FireTimerOf("deadline");
        driver.FireTimerOf("deadline");

        Assert.That(driver.State.Timers, Is.Empty);
        Assert.That(driver.State.Activities.Count(a => a.ElementId == "escalated"), Is.EqualTo(3));
        Assert.That(driver.Active, Does.Contain("approval"));
    }

    [Test]
    public void A_fired_timer_cannot_fire_twice()
    {
        var driver = new CaseDriver(ApprovalWithDeadline(interrupting: false)).Start();
        var timer = driver.State.Timers.Single();
        driver.FireTimerOf("deadline");

        var again = driver.Do(new FireTimer(timer.Id));

        Assert.That(again.Rejection!.Code, Is.EqualTo(RejectionCode.NotActive));
    }

    [Test]
    public void Boundary_timer_in_working_days_skips_weekends_and_holidays()
    {
        var definition = new ProcessBuilder().Start().UserTask("t").BoundaryTimer("late", "t", "P2D", interrupting: false, workingDays: true)
            .End().End("late-end").Chain("start", "t", "end").Flow("late", "late-end").Build();
        // Thursday 27 August 2026 10:00: Fri 28 is a working day, 29-30 weekend, 31 swapped off, 1-2 Sept holidays.
        var driver = new CaseDriver(definition, new DateTimeOffset(2026, 8, 27, 10, 0, 0, TimeSpan.FromHours(7))).Start();

        Assert.That(driver.State.Timers.Single().DueAt, Is.EqualTo(new DateTimeOffset(2026, 9, 3, 10, 0, 0, TimeSpan.FromHours(7))));
    }

    private static Definition EscalatingApproval(bool interrupting) =>
        new ProcessBuilder()
            .Start()
            .SubProcess("approval", b => b.Start("s").UserTask("review").Exclusive("ok?", defaultFlow: "back").UserTask("sign").End("e").EscalationEnd("send-back", "rework")
                .Chain("s", "review", "ok?").Flow("ok?", "sign", "ok === true").Flow("ok?", "send-back", id: "back").Flow("sign", "e"))
            .BoundaryEscalation("rework", "approval", "rework", interrupting)
            .UserTask("appraise-again").End().End("rework-end")
            .Chain("start", "approval", "end").Chain("rework", "appraise-again", "rework-end")
            .Build();

    [Test]
    public void Escalation_end_is_caught_by_an_interrupting_boundary_of_its_sub_process()
    {
        var driver = new CaseDriver(EscalatingApproval(interrupting: true)).Start().Complete("review", new { ok = false });

        Assert.That(driver.Active, Is.EqualTo(new[] { "appraise-again" }));
        var escalation = driver.EffectsOf<RaiseEscalation>().Single();
        Assert.That((escalation.Code, escalation.CaughtBy), Is.EqualTo(("rework", "rework")));
    }

    [Test]
    public void Escalation_caught_by_a_non_interrupting_boundary_keeps_the_sub_process()
    {
        var definition = new ProcessBuilder()
            .Start()
            .SubProcess("sub", b => b.Start("s").Parallel("fork").UserTask("a").EscalationEnd("warn", "late").End("e")
                .Chain("s", "fork").Flow("fork", "a").Flow("fork", "warn").Flow("a", "e"))
            .BoundaryEscalation("notice", "sub", "late", interrupting: false)
            .UserTask("inform").End().End("e2")
            .Chain("start", "sub", "end").Chain("notice", "inform", "e2").Build();

        var driver = new CaseDriver(definition).Start();

        Assert.That(driver.Active, Is.EqualTo(new[] { "a", "inform", "sub" }));
    }

    [Test]
    public void Escalation_end_with_no_catcher_is_raised_out_of_the_case()
    {
        var definition = new ProcessBuilder().Start().Parallel("fork").UserTask("work").EscalationEnd("to-supervisor", "overdue").End()
            .Chain("start", "fork").Flow("fork", "work").Flow("fork", "to-supervisor").Flow("work", "end").Build();

        var driver = new CaseDriver(definition).Start();

        var escalation = driver.EffectsOf<RaiseEscalation>().Single();
        Assert.That((escalation.Code, escalation.CaughtBy), Is.EqualTo(("overdue", (string?)null)));
        Assert.That(driver.Active, Is.EqualTo(new[] { "work" }));
    }
}
