using PublicWorkflow.Cli;
using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Tests.Support;

namespace PublicWorkflow.Engine.Tests.Cli;

public sealed class CliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public void Validate_exits_0_and_prints_nothing_for_valid_files()
    {
        var (exit, output, _) = Run(["validate", .. Directory.GetFiles(Repo.Workflows, "*.bpmn")]);
        Assert.That((exit, output), Is.EqualTo((0, "")));
    }

    [Test]
    public void Validate_prints_file_line_element_and_reason_and_exits_1()
    {
        var file = Path.Combine(Repo.Fixtures, "invalid", "missing-role.bpmn");
        var (exit, output, _) = Run("validate", Path.Combine(Repo.Workflows, "birth-registration.bpmn"), file);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output.TrimEnd(), Is.EqualTo($"{file}:7: T: the user task names no candidate role (pwf:candidateRole) or assignee"));
    }

    [Test]
    public void Appointment_prints_the_due_instant_with_its_offset_first_and_the_rule_after()
    {
        var catalog = Path.Combine(Repo.Root, "procedure-catalog");
        var (exit, output, _) = Run("appointment", "--procedure", "1.004873", "--received", "2026-12-07T15:30", "--catalog", catalog, "--workflows", Repo.Workflows);
        Assert.That(exit, Is.EqualTo(0));
        Assert.That(output.Split('\n')[0], Is.EqualTo("2026-12-10T17:00:00+07:00"), "Mon 15:30 + 3 working days: Thursday");
        var sameDay = Run("appointment", "--procedure", "2.000815", "--received", "2026-12-07T08:30:00Z", "--catalog", catalog, "--workflows", Repo.Workflows);
        Assert.That(sameDay.Out.Split('\n'), Has.Length.GreaterThan(1));
        Assert.That(sameDay.Out.Split('\n')[0], Is.EqualTo("2026-12-08T17:00:00+07:00"), "08:30 UTC is 15:30 in Hanoi: after the cut-off");
        Assert.That(sameDay.Out, Does.Contain("after 15:00 the next working day (unverified)"));
    }

    [TestCase("--procedure", "9.999999", "--received", "2026-12-07T15:30", "no procedure")]
    [TestCase("--procedure", "1.004873", "--received", "7/12/2026", "not a time of receipt")]
    [TestCase("--procedure", "1.004873", "--received", "3026-12-07T15:30", "not a time of receipt")]
    [TestCase("--procedure", "1.004873", "--when", "2026-12-07T15:30", "unexpected")]
    public void Appointment_refuses_what_it_cannot_answer_with_the_reason_and_exit_2(string a, string b, string c, string d, string reason)
    {
        var (exit, output, error) = Run("appointment", a, b, c, d, "--catalog", Path.Combine(Repo.Root, "procedure-catalog"), "--workflows", Repo.Workflows);
        Assert.That((exit, output), Is.EqualTo((2, "")));
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void Catalog_checks_the_seeded_catalog_and_exits_0()
    {
        var (exit, output, _) = Run("catalog", Path.Combine(Repo.Root, "procedure-catalog"), Repo.Workflows);
        Assert.That(exit, Is.EqualTo(0));
        Assert.That(output, Does.Match(@"^\d+ procedures, \d+ units, \d+ agencies, 139 service points, 2 form sets, 0 problems"));
    }

    [Test]
    public void Catalog_with_a_missing_folder_is_a_message_and_exit_2()
    {
        var (exit, _, error) = Run("catalog", Path.Combine(Repo.Root, "no-such-folder"), Repo.Workflows);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no-such-folder"));
    }

    [Test]
    public void Validate_speaks_Vietnamese_on_request()
    {
        var (_, output, _) = Run("validate", "--lang", "vi", Path.Combine(Repo.Fixtures, "invalid", "missing-handler.bpmn"));
        Assert.That(output, Does.Contain("chưa khai báo bộ xử lý"));
    }

    [Test]
    public void Validate_exits_2_for_a_file_that_cannot_be_read_or_is_not_xml()
    {
        var notXml = Path.GetTempFileName();
        File.WriteAllText(notXml, "hello");
        try
        {
            var (exit, _, error) = Run("validate", notXml, "/no/such/file.bpmn", Path.Combine(Repo.Fixtures, "invalid", "missing-role.bpmn"));
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error, Does.Contain("not well-formed"));
            Assert.That(error, Does.Contain("/no/such/file.bpmn: cannot read"));
        }
        finally
        {
            File.Delete(notXml);
        }
    }

    [Test]
    public void Usage_errors_exit_2()
    {
        Assert.That(Run().Exit, Is.EqualTo(2));
        Assert.That(Run("validate").Exit, Is.EqualTo(2));
        Assert.That(Run("frobnicate").Exit, Is.EqualTo(2));
    }

    [Test]
    public void Export_prints_xml_that_parses_to_the_same_model()
    {
        var file = Path.Combine(Repo.Workflows, "construction-permit-house.bpmn");
        var (exit, output, _) = Run("export", file);

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(BpmnParser.Parse(output), Is.EqualTo(BpmnParser.Parse(File.ReadAllText(file))));
    }
}
