using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Tests.Support;

namespace PublicWorkflow.Engine.Tests.Execution;

public sealed class GatewayTests
{
    private static CaseDriver Decision(object variables)
    {
        var definition = new ProcessBuilder().Start().UserTask("check").Exclusive("ok?", defaultFlow: "to-refuse")
            .UserTask("approve").UserTask("refuse").UserTask("escalate").End("e1").End("e2").End("e3")
            .Chain("start", "check", "ok?")
            .Flow("ok?", "approve", "amount < 100", "to-approve")
            .Flow("ok?", "escalate", "amount >= 100 && urgent === true", "to-escalate")
            .Flow("ok?", "refuse", id: "to-refuse")
            .Flow("approve", "e1").Flow("refuse", "e2").Flow("escalate", "e3").Build();
        return new CaseDriver(definition).Start().Complete("check", variables);
    }

    [Test]
    public void Exclusive_gateway_takes_the_first_flow_whose_condition_holds()
    {
        Assert.That(Decision(new { amount = 50, urgent = true }).Active, Is.EqualTo(new[] { "approve" }));
        Assert.That(Decision(new { amount = 500, urgent = true }).Active, Is.EqualTo(new[] { "escalate" }));
    }

    [Test]
    public void Exclusive_gateway_takes_the_default_flow_when_no_condition_holds()
    {
        Assert.That(Decision(new { amount = 500, urgent = false }).Active, Is.EqualTo(new[] { "refuse" }));
    }

    [Test]
    public void A_condition_that_fails_rejects_the_command_and_keeps_the_task_open()
    {
        var driver = Decision(new { amount = 1 });
        var definition = driver.Definition;
        var fresh = new CaseDriver(definition).Start();
        var task = fresh.TaskOf("check");

        var result = fresh.Do(new CompleteTask(task, CaseDriver.Vars(new { other = 1 })));

        Assert.That(result.Rejection!.Code, Is.EqualTo(RejectionCode.NoPath));
        Assert.That(result.Rejection.Message, Does.Contain("amount"));
        Assert.That(fresh.TaskOf("check"), Is.EqualTo(task));
    }

    [Test]
    public void Exclusive_gateway_without_a_matching_flow_or_default_rejects()
    {
        var definition = new ProcessBuilder().Start().UserTask("t").Exclusive("x").End("a").End("b")
            .Chain("start", "t", "x").Flow("x", "a", "v === 1").Flow("x", "b", "v === 2").Build();
        var driver = new CaseDriver(definition).Start();

        var result = driver.Do(new CompleteTask(driver.TaskOf("t"), CaseDriver.Vars(new { v = 3 })));

        Assert.That(result.Rejection!.Code, Is.EqualTo(RejectionCode.NoPath));
    }

    [Test]
    public void Parallel_join_waits_for_every_branch()
    {
        var definition = new ProcessBuilder().Start().Parallel("fork").UserTask("fire").UserTask("planning").Parallel("join").UserTask("appraise").End()
            .Chain("start", "fork").Flow("fork", "fire").Flow("fork", "planning").Flow("fire", "join").Flow("planning", "join").Chain("join", "appraise", "end")
            .Build();
        var driver = new CaseDriver(definition).Start();

        driver.Complete("fire");
        Assert.That(driver.Active, Is.EqualTo(new[] { "planning" }));
        Assert.That(driver.State.Joins, Has.Length.EqualTo(1));

        driver.Complete("planning");
        Assert.That(driver.Active, Is.EqualTo(new[] { "appraise" }));
        Assert.That(driver.State.Joins, Is.Empty);
    }

    [Test]
    public void Parallel_join_after_a_loop_back_does_not_count_a_second_token_on_one_branch_as_the_other()
    {
        // Branch a may loop (a -> redo? -> a) and so reach the join twice before branch b arrives once.
        var definition = new ProcessBuilder().Start().Parallel("fork").UserTask("a").Exclusive("redo?", defaultFlow: "a-done")
            .UserTask("b").Parallel("join").UserTask("after").End()
            .Chain("start", "fork").Flow("fork", "a").Flow("fork", "b").Flow("a", "redo?")
            .Flow("redo?", "a", "redo === true", "a-again").Flow("redo?", "join", id: "a-done")
            .Flow("b", "join").Chain("join", "after", "end").Build();
        var driver = new CaseDriver(definition).Start();

        driver.Complete("a", new { redo = true });
        Assert.That(driver.Active, Is.EqualTo(new[] { "a", "b" }));
        driver.Complete("a", new { redo = false });
        Assert.That(driver.Active, Is.EqualTo(new[] { "b" }), "branch a arrived once; the join still waits for b");

        driver.Complete("b");
        Assert.That(driver.Active, Is.EqualTo(new[] { "after" }));
    }

    [Test]
    public void Parallel_join_reached_twice_on_one_branch_through_a_loop_back_still_waits_for_the_other_branch()
    {
        // Each time a is done it reports to the join AND may loop back for another round: after two rounds the join holds
        // two tokens, both on a's flow. A join that counted tokens by their total would fire now, without b.
        var definition = new ProcessBuilder().Start().Parallel("fork").UserTask("a").Parallel("report").Exclusive("redo?", defaultFlow: "no-redo")
            .UserTask("b").Parallel("join").UserTask("after").End().End("a-finished")
            .Chain("start", "fork").Flow("fork", "a").Flow("fork", "b").Flow("a", "report")
            .Flow("report", "join", id: "from-a").Flow("report", "redo?")
            .Flow("redo?", "a", "redo === true", "a-again").Flow("redo?", "a-finished", id: "no-redo")
            .Flow("b", "join", id: "from-b").Chain("join", "after", "end").Build();
        var driver = new CaseDriver(definition).Start();

        driver.Complete("a", new { redo = true });
        Assert.That(driver.Active, Is.EqualTo(new[] { "a", "b" }));
        driver.Complete("a", new { redo = false });
        Assert.That(driver.Active, Is.EqualTo(new[] { "b" }), "two arrivals on from-a are not an arrival on from-b");
        Assert.That(driver.State.Joins.Single().Count, Is.EqualTo(2));

        driver.Complete("b");
        Assert.That(driver.Active, Is.EqualTo(new[] { "after" }), "the join fires once, when b arrives");
    }

    [Test]
    public void Parallel_join_does_not_count_two_tokens_on_one_flow_as_a_full_set()
    {
        // Branch A splits again and merges back (exclusive merge) onto ONE incoming flow of the join,
        // so two tokens reach that flow before branch B arrives once.
        var definition = new ProcessBuilder().Start().Parallel("fork").Parallel("twice").UserTask("a1").UserTask("a2").Exclusive("merge-a")
            .UserTask("b").Parallel("join").UserTask("after").End()
            .Chain("start", "fork").Flow("fork", "twice").Flow("fork", "b").Flow("twice", "a1").Flow("twice", "a2")
            .Flow("a1", "merge-a").Flow("a2", "merge-a").Flow("merge-a", "join", id: "from-a").Flow("b", "join", id: "from-b")
            .Chain("join", "after", "end").Build();
        var driver = new CaseDriver(definition).Start();

        driver.Complete("a1").Complete("a2");
        Assert.That(driver.Active, Is.EqualTo(new[] { "b" }), "two tokens on from-a are not a token on from-b");
        Assert.That(driver.State.Joins.Single().Count, Is.EqualTo(2));

        driver.Complete("b");
        Assert.That(driver.Active, Is.EqualTo(new[] { "after" }), "the join fires once");
        Assert.That(driver.State.Joins.Single().Count, Is.EqualTo(1), "the spare token on from-a still waits");
    }

    private static Model.Definition InclusiveConsultation() =>
        new ProcessBuilder().Start().UserTask("check").Inclusive("consult", defaultFlow: "none-needed")
            .UserTask("fire").UserTask("planning").UserTask("heritage").Inclusive("collect").UserTask("appraise").End()
            .Chain("start", "check", "consult")
            .Flow("consult", "fire", "needsFire === true").Flow("consult", "planning", "needsPlanning === true")
            .Flow("consult", "collect", id: "none-needed")
            .Flow("fire", "collect").Flow("planning", "heritage").Flow("heritage", "collect").Chain("collect", "appraise", "end")
            .Build();

    [Test]
    public void Inclusive_split_takes_every_flow_whose_condition_holds()
    {
        var driver = new CaseDriver(InclusiveConsultation()).Start().Complete("check", new { needsFire = true, needsPlanning = true });
        Assert.That(driver.Active, Is.EqualTo(new[] { "fire", "planning" }));
    }

    [Test]
    public void Inclusive_join_waits_for_tokens_that_can_still_arrive_even_several_steps_away()
    {
        var driver = new CaseDriver(InclusiveConsultation()).Start().Complete("check", new { needsFire = true, needsPlanning = true });

        driver.Complete("fire");
        Assert.That(driver.Active, Is.EqualTo(new[] { "planning" }));
        driver.Complete("planning");
        Assert.That(driver.Active, Is.EqualTo(new[] { "heritage" }), "the planning branch still has heritage to pass");
        driver.Complete("heritage");
        Assert.That(driver.Active, Is.EqualTo(new[] { "appraise" }));
    }

    [Test]
    public void Inclusive_join_fires_at_once_for_a_single_branch_taken()
    {
        var driver = new CaseDriver(InclusiveConsultation()).Start().Complete("check", new { needsFire = true, needsPlanning = false });
        Assert.That(driver.Active, Is.EqualTo(new[] { "fire" }));

        driver.Complete("fire");
        Assert.That(driver.Active, Is.EqualTo(new[] { "appraise" }));
    }

    [Test]
    public void Inclusive_split_takes_the_default_only_when_no_condition_holds()
    {
        var driver = new CaseDriver(InclusiveConsultation()).Start().Complete("check", new { needsFire = false, needsPlanning = false });
        Assert.That(driver.Active, Is.EqualTo(new[] { "appraise" }));
    }

    [Test]
    public void Conditional_flows_out_of_a_task_split_implicitly()
    {
        var definition = new ProcessBuilder().Start().UserTask("t").UserTask("a").UserTask("b").End("e1").End("e2")
            .Chain("start", "t").Flow("t", "a", "x > 1").Flow("t", "b").Flow("a", "e1").Flow("b", "e2").Build();

        Assert.That(new CaseDriver(definition).Start().Complete("t", new { x = 2 }).Active, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(new CaseDriver(definition).Start().Complete("t", new { x = 0 }).Active, Is.EqualTo(new[] { "b" }));
    }
}
