using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.Runtime.Definitions;
using PublicWorkflow.Runtime.Tests;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.OneStop.Tests.Catalog;

/// <summary>A workflow's step limits along its longest path must fit the legal limit of the procedures that run it.</summary>
[TestFixture("sqlite")]
public sealed class StatutoryLimitTests(string provider) : RuntimeSuite(provider)
{
    private static ProcedureCatalog Catalog => RuntimeHost.Catalog;

    private static string Workflow(string key) => File.ReadAllText(Path.Combine(Repo.Workflows, key + ".bpmn"));

    [Test]
    public void Every_shipped_workflow_fits_the_legal_limit_of_its_procedures()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StatutoryLimitCheck.LongestPathDays(BpmnParser.Parse(Workflow("construction-permit-house"))), Is.EqualTo(7m),
                "7 working days for a house permit from 7/7/2026 (it added up to 14.5)");
            Assert.That(StatutoryLimitCheck.LongestPathDays(BpmnParser.Parse(Workflow("business-household-registration"))), Is.EqualTo(3m));
            foreach (var key in Catalog.WorkflowFiles.Keys)
            {
                var definition = BpmnParser.Parse(Workflow(key));
                foreach (var on in new[] { new DateOnly(2025, 6, 30), new DateOnly(2025, 7, 1), new DateOnly(2026, 7, 7), new DateOnly(2026, 12, 2) })
                {
                    Assert.That(StatutoryLimitCheck.Problems(definition, Catalog, on), Is.Empty, $"{key} on {on}");
                }
            }
        });
    }

    [Test]
    public void A_timer_that_fires_after_the_appointment_is_a_warning_on_that_timer()
    {
        var xml = Workflow("construction-permit-house");
        var i = xml.IndexOf("id=\"TimerDef_Timer_AppraiseOverdue\"", StringComparison.Ordinal);
        var j = xml.IndexOf("P2D", i, StringComparison.Ordinal);
        var late = xml[..j] + "P9D" + xml[(j + 3)..];
        var problems = StatutoryLimitCheck.Problems(BpmnParser.Parse(late), Catalog, new DateOnly(2026, 7, 7)).ToList();
        Assert.That(problems.Select(p => (p.Code, p.ElementId, p.IsWarning)), Is.EqualTo(new[] { ("timer-after-appointment", "Timer_AppraiseOverdue", true) }));
        Assert.That(problems[0].Reason, Does.Contain("12.5 working days"), "the appraisal opens at 3.5 working days at the latest, + 9");
    }

    [Test]
    public async Task A_workflow_slower_than_the_law_is_a_warning_the_officer_sees_and_may_still_publish()
    {
        var slower = Workflow("construction-permit-house").Replace(
            """pwf:timeLimit="2" pwf:timeLimitUnit="workingDays" pwf:form="permit/appraise" """, """pwf:timeLimit="6" pwf:timeLimitUnit="workingDays" pwf:form="permit/appraise" """);
        Assert.That(slower, Is.Not.EqualTo(Workflow("construction-permit-house")), "the appraisal's limit was changed");
        var definition = BpmnParser.Parse(slower);
        Assert.That(StatutoryLimitCheck.LongestPathDays(definition), Is.EqualTo(11m));

        var after = StatutoryLimitCheck.Problems(definition, Catalog, new DateOnly(2026, 7, 7)).ToList();
        Assert.That(after.Select(p => (p.Code, p.IsWarning)), Is.EqualTo(new[] { ("over-statutory-limit", true) }));
        Assert.That(after[0].Reason, Does.Contain("11 working days").And.Contain("7 working days").And.Contain("1.013225"));
        Assert.That(StatutoryLimitCheck.Problems(definition, Catalog, new DateOnly(2026, 7, 6)), Is.Empty,
            "15 calendar days before 7/7/2026 are not comparable with working days: not checked");

        // Through the store, as the designer saves and publishes: the warning comes back, the version is published.
        var draft = await Host.InScopeAsync(p => p.GetRequiredService<DefinitionStore>().SaveDraftAsync("construction-permit-house", slower, "officer"));
        Assert.That(draft.Problems.Select(p => (p.Code, p.IsWarning)), Is.EqualTo(new[] { ("over-statutory-limit", true) }));
        var published = await Host.InScopeAsync(p => p.GetRequiredService<DefinitionStore>().PublishDraftAsync("construction-permit-house", "officer"));
        Assert.That(published.Version, Is.EqualTo(1));
        Assert.That(DefinitionStore.Validate(slower, ProcedureWorkflowRules.All), Is.Empty, "without the catalog, only the vocabularies are checked");
    }
}
