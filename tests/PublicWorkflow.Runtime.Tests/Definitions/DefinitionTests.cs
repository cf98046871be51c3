using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Runtime.Tests.Definitions;

[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class DefinitionTests(string provider) : RuntimeSuite(provider)
{
    [Test]
    public async Task Publishing_makes_the_next_version_and_unchanged_xml_makes_none()
    {
        var first = await Host.PublishAsync("three-steps", TestWorkflows.ThreeSteps());
        var again = await Host.PublishAsync("three-steps", TestWorkflows.ThreeSteps());
        var second = await Host.PublishAsync("three-steps", TestWorkflows.ThreeSteps(reminder: "P3D"));

        Assert.That((first.Version, first.Created), Is.EqualTo((1, true)));
        Assert.That((again.Version, again.Created, again.DefinitionId), Is.EqualTo((1, false, first.DefinitionId)));
        Assert.That((second.Version, second.Created), Is.EqualTo((2, true)));
        var stored = await Host.DbAsync(db => db.Definitions.OrderBy(d => d.Version).ToListAsync());
        Assert.That(stored.Select(d => (d.Version, d.Status, d.PublishedBy)),
            Is.EqualTo(new[] { (1, DefinitionStatus.Published, "officer"), (2, DefinitionStatus.Published, "officer") }));
        Assert.That(stored[0].BpmnXml, Is.EqualTo(TestWorkflows.ThreeSteps()), "a published version is kept as it was");
    }

    [Test]
    public async Task Publishing_an_invalid_workflow_is_refused_with_every_problem()
    {
        var broken = TestWorkflows.ThreeSteps().Replace("pwf:candidateRole=\"officer\" ", "", StringComparison.Ordinal)
            .Replace("notify.appraisal-overdue", "", StringComparison.Ordinal);

        var ex = Assert.ThrowsAsync<RuntimeException>(() => Host.PublishAsync("three-steps", broken));

        Assert.That(ex!.Kind, Is.EqualTo(RuntimeErrorKind.Invalid));
        Assert.That(ex.Problems.Select(p => p.Code), Is.EquivalentTo(new[] { "missing-role", "missing-handler" }));
        Assert.That(await Host.DbAsync(db => db.Definitions.CountAsync()), Is.Zero);
    }

    [TestCase("<not xml")]
    [TestCase("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><definitions>&e;</definitions>")]
    public void Text_that_is_not_bpmn_is_refused(string xml)
    {
        var ex = Assert.ThrowsAsync<RuntimeException>(() => Host.PublishAsync("three-steps", xml));
        Assert.That((ex!.Kind, ex.Code), Is.EqualTo((RuntimeErrorKind.Invalid, "not-bpmn")));
    }

    [TestCase("Upper")]
    [TestCase("has space")]
    [TestCase("")]
    public void A_bad_key_is_refused(string key)
    {
        var ex = Assert.ThrowsAsync<RuntimeException>(() => Host.PublishAsync(key, TestWorkflows.ThreeSteps()));
        Assert.That(ex!.Code, Is.EqualTo("bad-key"));
    }
}
