using PublicWorkflow.Engine.Tests.Support;

namespace PublicWorkflow.OneStop.Tests.Support;

/// <summary>A throwaway copy of the repository's procedure catalog, for a test to edit.</summary>
internal static class CatalogCopies
{
    public static string Make()
    {
        var source = Path.Combine(Repo.Root, "procedure-catalog");
        var target = Path.Combine(Path.GetTempPath(), "pwf-catalog-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }
}
