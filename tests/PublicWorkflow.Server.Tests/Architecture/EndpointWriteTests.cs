using System.Text.RegularExpressions;
using PublicWorkflow.Engine.Tests.Support;

namespace PublicWorkflow.Server.Tests.Architecture;

/// <summary>
/// Endpoints never reach the database themselves: they call the runtime's and the domain's commands to change things
/// and their read models to show them, so every rule (scope, concurrency, one write path) lives in one place.
/// </summary>
public sealed partial class EndpointWriteTests
{
    [GeneratedRegex(@"\b(\w*DbContext|DbSet<|Microsoft\.EntityFrameworkCore|SaveChanges(Async)?|ExecuteUpdate(Async)?|ExecuteDelete(Async)?|ExecuteSql\w*)\b")]
    private static partial Regex Database();

    [Test]
    public void No_endpoint_reads_or_writes_through_the_DbContext()
    {
        var endpoints = Directory.GetFiles(Path.Combine(Repo.Root, "src", "PublicWorkflow.Server", "Api"), "*.cs")
            .Concat(Directory.GetFiles(Path.Combine(Repo.Root, "src", "PublicWorkflow.Server", "Workflows"), "*.cs"))
            .ToList();
        Assert.That(endpoints, Has.Count.GreaterThan(5));
        var uses = endpoints.SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => Database().IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.That(uses, Is.Empty);
    }
}
