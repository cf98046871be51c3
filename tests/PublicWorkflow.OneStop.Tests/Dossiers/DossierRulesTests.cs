using PublicWorkflow.Runtime.Definitions;
using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Runtime.Tests.Support;
using static PublicWorkflow.Runtime.Tests.Support.ManualClock;

namespace PublicWorkflow.OneStop.Tests.Dossiers;

/// <summary>The lifecycle's pure rules: the clock's three supplement rules, step shares, fees, codes, completeness.</summary>
public sealed class DossierRulesTests
{
    private readonly DossierClock clock = new(WorkingCalendar.BuiltIn);

    [Test]
    public void A_condition_comparing_decision_with_a_word_no_step_sends_is_a_problem_on_its_flow()
    {
        var standard = PublicWorkflow.Engine.Tests.Support.Repo.Workflow("one-stop-standard");
        Assert.That(StepOutcome.Problems(PublicWorkflow.Engine.Bpmn.BpmnParser.Parse(standard)), Is.Empty, "the shipped workflow uses the vocabulary");

        var typo = standard.Replace("decision === 'supplement'", "decision === 'suplement'").Replace("decision === 'refuse'", "'refused' == decision");
        var problems = DefinitionStore.Validate(typo, ProcedureWorkflowRules.All);
        Assert.That(problems.Where(p => p.Code == "unknown-decision").Select(p => p.ElementId), Is.EqualTo(new[] { "Flow_Supplement", "Flow_Refuse" }));
        Assert.That(problems.First(p => p.Code == "unknown-decision").Reason, Does.Contain("'suplement'").And.Contain("approve, supplement, refuse"));
    }
    private static readonly TimeLimit SevenDays = new(7, TimeLimitUnit.WorkingDays);

    // Received 5/10/2026, due 14/10; paused from Tuesday 6/10 10:00 to Thursday 8/10 10:00.
    [TestCase(SupplementClock.Pause, 16, TestName = "pause: the appointment moves by the two working days paused")]
    [TestCase(SupplementClock.Restart, 19, TestName = "restart: seven working days again from the supplement")]
    [TestCase(SupplementClock.Keep, 14, TestName = "keep: the appointment stays")]
    public void The_supplement_rule_decides_the_new_appointment(SupplementClock rule, int octoberDay)
    {
        var resumed = clock.Resume(rule, Hanoi(2026, 10, 14, 17), Hanoi(2026, 10, 6, 10), Hanoi(2026, 10, 8, 10), SevenDays);
        Assert.That(resumed, Is.EqualTo(Hanoi(2026, 10, octoberDay, 17)));
    }

    [Test]
    public void Each_stage_is_due_by_its_share_of_the_time_limit()
    {
        var appointment = Hanoi(2026, 10, 14, 17);
        Assert.Multiple(() =>
        {
            Assert.That(clock.StepDue(appointment, SevenDays, 0m), Is.EqualTo(Hanoi(2026, 10, 5, 17)), "digitize: the day of receipt");
            Assert.That(clock.StepDue(appointment, SevenDays, 0.6m), Is.EqualTo(Hanoi(2026, 10, 9, 17)), "appraise: 4 of 7 days");
            Assert.That(clock.StepDue(appointment, SevenDays, 1m), Is.EqualTo(appointment));
            Assert.That(clock.StepDue(appointment, new TimeLimit(0, TimeLimitUnit.WorkingDays), 0.6m), Is.EqualTo(appointment), "same-day procedures");
        });
    }

    [Test]
    public void The_warning_comes_at_75_percent_of_the_office_time_and_the_apology_prompt_a_working_day_before()
    {
        var received = Hanoi(2026, 10, 5, 9);
        var appointment = Hanoi(2026, 10, 8, 17);
        Assert.That(clock.Warning(received, appointment, DeadlineRules.Default.WarningShare), Is.EqualTo(Hanoi(2026, 10, 8, 8, 15)), "31 office hours, 75 % is 23 h 15 min");
        Assert.That(clock.Warning(received, appointment, 0.5m), Is.EqualTo(Hanoi(2026, 10, 7, 8, 30)), "a procedure warning at half: 15 h 30 min");
        Assert.That(clock.ApologyPrompt(appointment, received), Is.EqualTo(Hanoi(2026, 10, 7, 8)));
        Assert.That(clock.ApologyPrompt(appointment, Hanoi(2026, 10, 7, 9)), Is.Null, "too late to prompt");
    }

    [Test]
    public void Fees_follow_the_procedure_rule()
    {
        var perPage = new FeeRule(FeeKind.PerPage, FirstPages: 2, FirstPageAmount: 2000, LaterPageAmount: 1000, MaximumPerCopy: 200_000);
        var fixedFee = new FeeRule(FeeKind.Fixed, Amount: 20_000, OnlineAmount: 10_000);
        Assert.Multiple(() =>
        {
            Assert.That(FeeCalculator.Compute(perPage, DossierChannel.Counter, 1, [new("deed", Copies: 2, Pages: 5)]), Is.EqualTo(14_000m), "(2×2,000 + 3×1,000) × 2 copies");
            Assert.That(FeeCalculator.Compute(perPage, DossierChannel.Counter, 1, [new("deed", Pages: 500)]), Is.EqualTo(200_000m), "capped per copy");
            Assert.That(FeeCalculator.Compute(perPage, DossierChannel.Counter, 1, [new("deed", Pages: 5), new("id-card", Pages: 1)]), Is.EqualTo(9_000m),
                "two originals priced on their own: 7,000 + 2,000 (summed as one copy of 6 pages they cost 8,000)");
            Assert.That(FeeCalculator.Compute(perPage, DossierChannel.Counter, 1, [new("deed")]), Is.EqualTo(2_000m), "no pages named: one page");
            Assert.That(FeeCalculator.Compute(fixedFee, DossierChannel.Online, 1, []), Is.EqualTo(10_000m), "cheaper online");
            Assert.That(FeeCalculator.Compute(fixedFee, DossierChannel.Counter, 1, []), Is.EqualTo(20_000m));
            Assert.That(FeeCalculator.Compute(new FeeRule(FeeKind.Unknown, Verified: false), DossierChannel.Counter, 1, []), Is.Null, "never invented");
        });
    }

    [Test]
    public void Dossier_codes_are_agency_date_and_a_four_digit_sequence()
    {
        var day = new DateOnly(2026, 8, 28);
        Assert.That(DossierCodes.Format("UB.P.HOANKIEM", day, 7), Is.EqualTo("UB.P.HOANKIEM-260828-0007"));
        Assert.That(Assert.Throws<RuntimeException>(() => DossierCodes.Format("UB.P.HOANKIEM", day, 10_000))!.Code, Is.EqualTo("day-full"));
    }

    [Test]
    public void Reception_lists_every_missing_document_and_accepts_national_database_copies()
    {
        var residence = RuntimeHost.Catalog.Find("1.004222")!;
        Assert.That(Reception.Missing(residence, []), Has.Count.EqualTo(2));
        Assert.That(Reception.Missing(residence, [new("ct01"), new("accommodation-proof", FromNationalDatabase: true)]), Is.Empty);
        var unknown = Assert.Throws<RuntimeException>(() => Reception.Missing(residence, [new("passport")]));
        Assert.That(unknown!.Field, Is.EqualTo("documents[0].id"));
        var notFetchable = Assert.Throws<RuntimeException>(() => Reception.Missing(residence, [new("ct01", FromNationalDatabase: true)]));
        Assert.That(notFetchable!.Field, Is.EqualTo("documents[0].fromNationalDatabase"));
    }

    [Test]
    public void Statuses_carry_the_national_portal_numbers()
    {
        Assert.That(Enum.GetValues<DossierStatus>().Where(s => s != DossierStatus.Guided).Select(s => (int)s), Is.EqualTo(Enumerable.Range(1, 10)));
        Assert.That((int)DossierStatus.Guided, Is.Zero, "guided to complete is not a national status: the dossier was never registered");
        Assert.That(DossierStatuses.Name(DossierStatus.SupplementRequested).Vi, Is.EqualTo("Yêu cầu bổ sung"));
    }
}
