using System.Text.RegularExpressions;
using PublicWorkflow.Engine.Tests.Support;

namespace PublicWorkflow.Server.Tests.Architecture;

/// <summary>Endpoints read through the DbContext at most: every write goes through a command of the runtime or the domain.</summary>
public sealed partial class EndpointWriteTests
{
    [GeneratedRegex(@"\b(SaveChanges(Async)?|ExecuteUpdate(Async)?|ExecuteDelete(Async)?|ExecuteSqlRaw(Async)?)\s*\(|\b(db|context)\.\w+\.(Add|AddRange|Remove|RemoveRange|Attach|Update)\s*\(")]
    private static partial Regex Write();

    [Test]
    public void No_endpoint_writes_through_the_DbContext()
    {
        var endpoints = Directory.GetFiles(Path.Combine(Repo.Root, "src", "PublicWorkflow.Server", "Api"), "*.cs")
            .Concat(Directory.GetFiles(Path.Combine(Repo.Root, "src", "PublicWorkflow.Server", "Workflows"), "*.cs"));
        var writes = endpoints.SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => Write().IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.That(writes, Is.Empty);
    }
}
