using System.Text;

namespace PublicWorkflow.OneStop.Documents;

/// <summary>
/// A file name as it is kept and offered back: the last path segment only (no folders, no "..", whichever slash the
/// sender used), no control or reserved characters, at most 120 characters, ending in the extension of what the file
/// really is. It is a label: stored files are named by their hash.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 120;

    public static string Sanitize(string? name, FileKind kind)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var clean = new StringBuilder();
        foreach (var c in last.Normalize(NormalizationForm.FormC))
        {
            if (!char.IsControl(c) && "<>:\"|?*;%".IndexOf(c) < 0 && c != '\u202E')
            {
                clean.Append(c);
            }
        }
        var stem = Path.GetFileNameWithoutExtension(clean.ToString().Trim().Trim('.')).Trim();
        if (stem.Length == 0 || stem.All(c => c == '.'))
        {
            stem = "tep";
        }
        var extension = FileKinds.Extension(kind);
        return (stem.Length > MaxLength - extension.Length ? stem[..(MaxLength - extension.Length)] : stem) + extension;
    }
}
