using System.Text;

namespace PublicWorkflow.OneStop.Documents;

/// <summary>
/// A file name as it is kept and offered back: no control or reserved characters, at most 120 characters, ending in
/// the extension of what the file really is. A name holding a path (a slash of either kind, "..") is not a name a
/// browser sends: it is refused rather than guessed at. It is a label: stored files are named by their hash.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 120;

    /// <summary>Whether the name tries to say where the file goes: a path, not a name.</summary>
    public static bool HoldsPath(string? name) =>
        name is not null && (name.Contains('/') || name.Contains('\\') || name.Trim() is "." or "..");

    public static string Sanitize(string? name, FileKind kind)
    {
        var last = name ?? "";
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
