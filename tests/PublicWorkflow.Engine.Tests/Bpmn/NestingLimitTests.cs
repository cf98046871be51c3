using PublicWorkflow.OneStop.Catalog;
using System.Text;
using PublicWorkflow.Cli;
using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.Engine.Validation;

namespace PublicWorkflow.Engine.Tests.Bpmn;

/// <summary>A file built to exhaust the stack must be refused with a reason, by every walk that reads it.</summary>
public sealed class NestingLimitTests
{
    /// <summary>Sub-processes nested <paramref name="levels"/> deep, each with start and end events and the flows between them.</summary>
    public static string Nested(int levels)
    {
        var xml = new StringBuilder("""<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:pwf="urn:publicworkflow:bpmn:1.0" id="D"><process id="P" isExecutable="true"><startEvent id="s"/>""");
        for (var i = 0; i < levels; i++)
        {
            xml.Append($"""<subProcess id="sp{i}"><startEvent id="s{i}"/>""");
        }
        xml.Append("""<userTask id="t" pwf:candidateRole="clerk"/>""");
        for (var i = levels - 1; i >= 0; i--)
        {
            var inner = i == levels - 1 ? "t" : $"sp{i + 1}";
            xml.Append($"""<endEvent id="e{i}"/><sequenceFlow id="a{i}" sourceRef="s{i}" targetRef="{inner}"/><sequenceFlow id="b{i}" sourceRef="{inner}" targetRef="e{i}"/></subProcess>""");
        }
        xml.Append("""<endEvent id="e"/><sequenceFlow id="a" sourceRef="s" targetRef="sp0"/><sequenceFlow id="b" sourceRef="sp0" targetRef="e"/></process></definitions>""");
        return xml.ToString();
    }

    /// <summary>The attack as found: 40,000 bare nested sub-processes, 1.9 MB (under the API's 2 MB body limit).</summary>
    public static string Hostile() =>
        """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><process id="P">"""
        + string.Concat(Enumerable.Range(0, 40_000).Select(i => $"""<subProcess id="p{i}">"""))
        + string.Concat(Enumerable.Repeat("</subProcess>", 40_000)) + "</process></definitions>";

    [Test]
    public void Forty_thousand_nested_sub_processes_are_refused_with_a_reason_not_a_stack_overflow()
    {
        var hostile = Hostile();
        Assert.That(hostile.Length, Is.LessThan(2 * 1024 * 1024));
        var ex = Assert.Throws<BpmnFormatException>(() => BpmnParser.Parse(hostile));
        Assert.That(ex!.Message, Does.Contain($"deeper than {SafeXml.MaxDepth} levels"));
        Assert.That(ex.Line, Is.GreaterThan(0));
    }

    [Test]
    public void Sub_processes_nested_past_the_limit_are_refused_and_up_to_it_parse_validate_and_export()
    {
        var ex = Assert.Throws<BpmnFormatException>(() => BpmnParser.Parse(Nested(BpmnParser.MaxSubProcessDepth + 2)));
        Assert.That(ex!.Message, Does.Contain($"sub-processes nest deeper than {BpmnParser.MaxSubProcessDepth} levels"));

        var deepest = BpmnParser.Parse(Nested(BpmnParser.MaxSubProcessDepth));
        Assert.That(DefinitionValidator.Validate(deepest), Is.Empty);
        Assert.That(BpmnParser.Parse(BpmnExporter.Export(deepest)).Nodes.Count, Is.EqualTo(deepest.Nodes.Count));
        Assert.That(PublicWorkflow.OneStop.Catalog.DefinitionComparison.Compare(deepest, deepest).StepChanges, Is.Empty);
        var driver = new CaseDriver(deepest).Start().Complete("t");
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Completed), "the case runs down through every scope and back up");
    }

    [Test]
    public void A_file_with_too_many_elements_is_refused()
    {
        var xml = new StringBuilder("""<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><process id="P">""");
        for (var i = 0; i <= SafeXml.MaxElements; i++)
        {
            xml.Append($"""<task id="t{i}"/>""");
        }
        xml.Append("</process></definitions>");
        var ex = Assert.Throws<BpmnFormatException>(() => BpmnParser.Parse(xml.ToString()));
        Assert.That(ex!.Message, Does.Contain($"more than {SafeXml.MaxElements} elements"));
    }

    [Test]
    public void Pwf_validate_reports_the_hostile_file_and_exits_2_instead_of_crashing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pwf-nested-{Guid.NewGuid():N}.bpmn");
        File.WriteAllText(file, Hostile());
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = CliApp.Run(["validate", file], output, error);
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output.ToString() + error.ToString(), Does.Contain("deeper than"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
