namespace PublicWorkflow.Server.Hosting;

/// <summary>
/// Finds a configured folder or file. An absolute path is used as given; a relative one is looked for under the
/// content root and each of its parents, so <c>dotnet run</c> from the repository or from the project folder,
/// and the test host, all find the repository's data.
/// </summary>
internal static class RepositoryPaths
{
    public static string? Find(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return Exists(configured) ? configured : null;
        }
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, configured);
                if (Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
}
