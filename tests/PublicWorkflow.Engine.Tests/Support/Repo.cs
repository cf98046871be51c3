namespace PublicWorkflow.Engine.Tests.Support;

/// <summary>Paths inside the repository, found from the test's output folder.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Workflows => Path.Combine(Root, "workflows");

    public static string Fixtures => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures");

    public static string Workflow(string name) => File.ReadAllText(Path.Combine(Workflows, name + ".bpmn"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PublicWorkflow.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("PublicWorkflow.sln not found above " + AppContext.BaseDirectory);
    }
}
