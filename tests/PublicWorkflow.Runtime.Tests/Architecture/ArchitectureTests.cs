namespace PublicWorkflow.Runtime.Tests.Architecture;

public sealed class ArchitectureTests
{
    [Test]
    public void The_runtime_depends_on_the_engine_and_never_on_the_web_host()
    {
        var references = typeof(RuntimeComposition).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.That(references, Does.Contain("PublicWorkflow.Engine"));
        Assert.That(references.Where(r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || r == "PublicWorkflow.Server"), Is.Empty);
    }
}
