using System.Xml.Linq;
using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.Engine.Validation;

namespace PublicWorkflow.Engine.Tests.Bpmn;

public sealed class RoundTripTests
{
    public static IEnumerable<string> AllBpmnFiles() =>
        Directory.GetFiles(Repo.Workflows, "*.bpmn")
            .Concat(Directory.GetFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures"), "*.bpmn", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(Repo.Root, f));

    [TestCaseSource(nameof(AllBpmnFiles))]
    public void Parse_export_parse_gives_an_equal_model(string file)
    {
        var original = BpmnParser.Parse(File.ReadAllText(Path.Combine(Repo.Root, file)));
        var exported = BpmnExporter.Export(original);
        var reparsed = BpmnParser.Parse(exported);

        Assert.Multiple(() =>
        {
            // Part by part first, so a failure names what changed.
            Assert.That(reparsed.Nodes.ToArray(), Is.EqualTo(original.Nodes.ToArray()));
            Assert.That(reparsed.Flows.ToArray(), Is.EqualTo(original.Flows.ToArray()));
            Assert.That(reparsed.RawElements.ToArray(), Is.EqualTo(original.RawElements.ToArray()));
            Assert.That(reparsed.RootElements.ToArray(), Is.EqualTo(original.RootElements.ToArray()));
            Assert.That(reparsed.Namespaces.ToArray(), Is.EqualTo(original.Namespaces.ToArray()));
            Assert.That(reparsed, Is.EqualTo(original));
        });
        Assert.That(BpmnExporter.Export(reparsed), Is.EqualTo(exported), "export is stable");
    }

    [TestCaseSource(nameof(AllBpmnFiles))]
    public void Export_keeps_the_diagram(string file)
    {
        var source = XDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, file)));
        var exported = XDocument.Parse(BpmnExporter.Export(BpmnParser.Parse(source.ToString())));
        XNamespace di = BpmnNames.Di;

        string Shapes(XDocument d) => string.Join("|", d.Descendants(di + "BPMNShape").Concat(d.Descendants(di + "BPMNEdge")).Select(e => e.ToString(SaveOptions.DisableFormatting)));
        Assert.That(Shapes(exported), Is.EqualTo(Shapes(source)));
    }

    [Test]
    public void Every_workflow_in_the_repository_is_valid()
    {
        foreach (var file in Directory.GetFiles(Repo.Workflows, "*.bpmn"))
        {
            var problems = DefinitionValidator.Validate(BpmnParser.Parse(File.ReadAllText(file)));
            Assert.That(problems, Is.Empty, () => $"{file}: {string.Join("; ", problems)}");
        }
    }

    [Test]
    public void Camunda_attributes_map_onto_ours_and_are_kept_on_export()
    {
        var definition = BpmnParser.Parse(File.ReadAllText(Path.Combine(Repo.Fixtures, "valid", "camunda-modeler.bpmn")));
        var certify = StepSettings.Of(definition.Nodes.Single(n => n.Id == "Task_Certify"));
        var notify = StepSettings.Of(definition.Nodes.Single(n => n.Id == "Task_Notify"));

        Assert.That((certify.CandidateRole, certify.Assignee, certify.Form), Is.EqualTo(("justice-officer", "demo", "copy/certify")));
        Assert.That(notify.Handler, Is.EqualTo("notify-applicant"));
        Assert.That(DefinitionValidator.Validate(definition), Is.Empty);

        var exported = BpmnExporter.Export(definition);
        Assert.That(exported, Does.Contain("camunda:candidateGroups=\"justice-officer\""));
        Assert.That(exported, Does.Contain("<camunda:property name=\"sla\" value=\"same-day\" />"));
        Assert.That(exported, Does.Contain("bpmn:laneSet"));
        Assert.That(exported, Does.Contain("bpmn:textAnnotation"));
        Assert.That(exported, Does.Contain("bpmn:collaboration"));
        Assert.That(exported, Does.Contain("camunda:historyTimeToLive=\"180\""));
    }

    [Test]
    public void A_file_using_the_default_namespace_exports_without_a_prefix_and_runs_its_camunda_style_condition()
    {
        var definition = BpmnParser.Parse(File.ReadAllText(Path.Combine(Repo.Fixtures, "valid", "default-namespace.bpmn")));
        var exported = BpmnExporter.Export(definition);

        Assert.That(exported, Does.Contain("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""));
        Assert.That(exported, Does.Contain("xsi:type=\"tFormalExpression\""));
        var driver = new CaseDriver(definition).Start().Complete("Verify", new { eligible = true });
        Assert.That(driver.Active, Is.EqualTo(new[] { "Register" }));
    }

    [Test]
    public void Unsupported_elements_are_kept_on_export_but_never_silently_dropped()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Fixtures, "invalid", "unsupported-element.bpmn"));
        var definition = BpmnParser.Parse(text);

        Assert.That(definition.RawElements.Single().Kind, Is.EqualTo(RawElementKind.Unsupported));
        Assert.That(BpmnExporter.Export(definition), Does.Contain("scriptTask id=\"Script_1\""));
        Assert.That(DefinitionValidator.Validate(definition).Select(p => p.Code), Does.Contain("unsupported-element"));
    }
}
