using PublicWorkflow.Bench;

namespace PublicWorkflow.Server.Tests;

/// <summary>The benchmark tool refuses what it cannot run with a message and a non-zero exit, before starting anything.</summary>
public sealed class BenchCommandLineTests
{
    [TestCase(new[] { "http" }, "needs --connection", TestName = "http without a database")]
    [TestCase(new[] { "http", "--connection", "Host=127.0.0.1", "--think-ms", "-5" }, "--think-ms (0 to 60000)", TestName = "a negative think time")]
    [TestCase(new[] { "http", "--connection", "Host=127.0.0.1", "--clerks", "0", "--trackers", "0" }, "not both 0", TestName = "nobody to drive the server")]
    [TestCase(new[] { "http", "--connection", "Username=postgres" }, "names no Host", TestName = "a connection string without a server")]
    [TestCase(new[] { "http", "--connection", "Hostx=1" }, "is not a connection string", TestName = "a connection string with an unknown key")]
    [TestCase(new[] { "durable", "--provider", "postgres", "--connection", "" }, "names no Host", TestName = "durable on an empty connection string")]
    [TestCase(new[] { "durable", "--provider", "oracle" }, "--provider is sqlite or postgres", TestName = "an unknown provider")]
    [TestCase(new[] { "nonsense" }, "unknown scenario", TestName = "an unknown scenario")]
    [TestCase(new[] { "http", "--connection", "Host=127.0.0.1", "--seconds", "1", "--seconds", "0" }, "--seconds (positive)", TestName = "a repeated option, the last one bad")]
    [TestCase(new[] { "faults" }, "needs --connection", TestName = "faults without a database")]
    [TestCase(new[] { "faults", "--connection", "Host=127.0.0.1", "--halt-command", "true" }, "--halt-command and --resume-command together",
        TestName = "an outage that would never end")]
    [TestCase(new[] { "faults", "--connection", "Host=127.0.0.1", "--kills", "-1" }, "--kills (0 to 1000)", TestName = "a negative number of kills")]
    [TestCase(new[] { "volume", "--connection", "Host=127.0.0.1", "--dossiers", "1000", "--history", "2000" }, "--history (0 to --dossiers)",
        TestName = "more history than dossiers")]
    [TestCase(new[] { "volume", "--connection", "Host=127.0.0.1", "--keep-database", "maybe" }, "--keep-database (true or false)", TestName = "keep the database, maybe")]
    [TestCase(new[] { "all", "--connection", "Host=127.0.0.1", "--out", "/no/such/folder/benchmarks.md" }, "folder that does not exist",
        TestName = "a report nowhere")]
    [TestCase(new[] { "all", "--smoke", "yes", "--connection", "Host=127.0.0.1" }, "--smoke (true or false)", TestName = "smoke, yes")]
    public void Bad_arguments_are_refused_with_the_reason_and_exit_code_2(string[] args, string reason)
    {
        var (code, error) = Run(args);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void A_database_that_cannot_be_reached_is_a_message_and_exit_code_1()
    {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        var (code, error) = Run(["http", "--connection", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2", "--seconds", "1"]);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.StartWith("bench: PostgreSQL: ").And.Not.Contain("   at "));
    }

    private static (int Code, string Error) Run(string[] args)
    {
        var error = new StringWriter();
        var code = BenchApp.Run(args, new StringWriter(), error);
        return (code, error.ToString());
    }
}
