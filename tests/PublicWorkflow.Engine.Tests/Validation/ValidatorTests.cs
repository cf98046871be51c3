using System.Text.RegularExpressions;
using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.Engine.Validation;

namespace PublicWorkflow.Engine.Tests.Validation;

public sealed class ValidatorTests
{
    public static IEnumerable<TestCaseData> InvalidFiles() =>
        Directory.GetFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "invalid"), "*.bpmn")
            .Select(f => new TestCaseData(f).SetName("Rule " + Path.GetFileNameWithoutExtension(f)));

    [TestCaseSource(nameof(InvalidFiles))]
    public void Each_rule_reports_its_problem_on_the_element_at_its_line(string file)
    {
        var text = File.ReadAllText(file);
        var code = Path.GetFileNameWithoutExtension(file).Replace("unsupported-multi-instance", "unsupported-element", StringComparison.Ordinal);
        var expectedElement = Regex.Match(text, "<!-- expect: (\\S+) -->").Groups[1].Value;

        var problems = DefinitionValidator.Validate(BpmnParser.Parse(text));

        var problem = problems.FirstOrDefault(p => p.Code == code);
        Assert.That(problem, Is.Not.Null, () => $"expected {code}; got {string.Join("; ", problems.Select(p => p.Code + " " + p))}");
        Assert.That(problem!.ElementId, Is.EqualTo(expectedElement));
        var lines = text.Split('\n');
        Assert.That(problem.Line, Is.GreaterThan(0));
        Assert.That(lines[problem.Line - 1], Does.Contain($"\"{expectedElement}\""), "the line points at the element");
        Assert.That(problem.Reason, Is.Not.Empty);
        Assert.That(problem.ReasonVi, Is.Not.EqualTo(problem.Reason), "the Vietnamese text is its own");
    }

    [Test]
    public void Every_rule_has_a_failing_file()
    {
        var covered = Directory.GetFiles(Path.Combine(Repo.Fixtures, "invalid"), "*.bpmn").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.That(ProblemCatalog.Codes.Where(c => !covered.Contains(c)), Is.Empty);
    }

    [Test]
    public void The_validator_reports_every_problem_not_just_the_first()
    {
        const string xml = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">
              <bpmn:process id="P">
                <bpmn:startEvent id="S" />
                <bpmn:userTask id="NoRole" />
                <bpmn:serviceTask id="NoHandler" />
                <bpmn:sendTask id="Send" />
                <bpmn:endEvent id="E" />
                <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="NoRole" />
                <bpmn:sequenceFlow id="F2" sourceRef="NoRole" targetRef="NoHandler" />
                <bpmn:sequenceFlow id="F3" sourceRef="NoHandler" targetRef="E" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        var codes = DefinitionValidator.Validate(BpmnParser.Parse(xml)).Select(p => p.Code).ToList();
        Assert.That(codes, Is.SupersetOf(new[] { "missing-role", "missing-handler", "unsupported-element" }));
    }

    [Test]
    public void A_join_fed_from_two_branches_of_a_parallel_split_is_fine_but_one_fed_by_alternatives_is_not()
    {
        var good = new ProcessBuilder().Start().Parallel("fork").UserTask("a").UserTask("b").Parallel("join").End()
            .Chain("start", "fork").Flow("fork", "a").Flow("fork", "b").Flow("a", "join").Flow("b", "join").Flow("join", "end").Build();
        Assert.That(DefinitionValidator.Validate(good), Is.Empty);

        // A split into a and b, but a then chooses c or d, and the join needs c, d and b together.
        var bad = new ProcessBuilder().Start().Parallel("fork").UserTask("a").UserTask("b").Exclusive("x", "to-d").UserTask("c").UserTask("d").Parallel("join").End()
            .Chain("start", "fork").Flow("fork", "a").Flow("fork", "b").Flow("a", "x").Flow("x", "c", "v === 1").Flow("x", "d", id: "to-d")
            .Flow("c", "join").Flow("d", "join").Flow("b", "join").Flow("join", "end").Build();
        Assert.That(DefinitionValidator.Validate(bad).Select(p => p.Code), Does.Contain("join-never-fires"));
    }

    [Test]
    public void An_invalid_definition_cannot_be_executed()
    {
        var definition = new ProcessBuilder().Start().UserTask("t", role: null!).End().Chain("start", "t", "end").Build();
        var interpreter = new PublicWorkflow.Engine.Execution.Interpreter(PublicWorkflow.Engine.Calendar.WorkingCalendar.BuiltIn);
        var ex = Assert.Throws<Engine.Execution.InvalidDefinitionException>(() =>
            interpreter.Execute(definition, Engine.Execution.CaseState.New, new Engine.Execution.StartCase(), CaseDriver.OrdinaryMorning));
        Assert.That(ex!.Problems.Single().Code, Is.EqualTo("missing-role"));
    }
}
