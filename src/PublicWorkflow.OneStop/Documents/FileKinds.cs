using System.Text;

namespace PublicWorkflow.OneStop.Documents;

public enum FileKind
{
    Pdf,
    Jpeg,
    Png,
    Tiff,
}

/// <summary>
/// What a file is, by its bytes and never by its name: a PDF, JPEG, PNG or TIFF whose signature opens the file and
/// whose end is where that format ends. Anything else is refused, and so is a polyglot — a file that is also an
/// executable, an archive or a web page (bytes after the format's end, an archive directory, markup in its head).
/// </summary>
public static class FileKinds
{
    /// <summary>How many bytes the checks read from each end of a file.</summary>
    public const int Window = 64 * 1024;

    public static FileKind? Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => FileKind.Pdf,
        [0xFF, 0xD8, 0xFF, ..] => FileKind.Jpeg,
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => FileKind.Png,
        [0x49, 0x49, 0x2A, 0x00, ..] or [0x4D, 0x4D, 0x00, 0x2A, ..] => FileKind.Tiff,
        _ => null,
    };

    public static string ContentType(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Png => "image/png",
        _ => "image/tiff",
    };

    public static string Extension(FileKind kind) => kind switch
    {
        FileKind.Pdf => ".pdf",
        FileKind.Jpeg => ".jpg",
        FileKind.Png => ".png",
        _ => ".tif",
    };

    /// <summary>Why the file is not a clean file of its kind, or null. <paramref name="head"/> and <paramref name="tail"/> are its first and last bytes.</summary>
    public static string? Problem(FileKind kind, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        if (Markup(head))
        {
            return "the file holds web-page markup: it is also a web page (a polyglot)";
        }
        if (tail.IndexOf("PK\u0005\u0006"u8) >= 0)
        {
            return "the file ends in an archive directory: it is also a ZIP archive (a polyglot)";
        }
        var trimmed = tail.TrimEnd(" \r\n\t\0"u8);
        return kind switch
        {
            FileKind.Pdf when trimmed.Length < 5 || trimmed[^Math.Min(trimmed.Length, 1024)..].LastIndexOf("%%EOF"u8) < 0 =>
                "a PDF ends with %%EOF: this one is cut short or carries something after its end",
            FileKind.Pdf when trimmed[trimmed.LastIndexOf("%%EOF"u8)..].Length > 5 => "bytes follow the PDF's end (a polyglot)",
            FileKind.Jpeg when !trimmed.EndsWith(JpegEnd) => "a JPEG ends with its end-of-image marker: this one is cut short or carries something after it",
            FileKind.Png when !tail.EndsWith(PngEnd) => "a PNG ends with its IEND chunk: this one is cut short or carries something after it",
            _ => null,
        };
    }

    private static ReadOnlySpan<byte> JpegEnd => [0xFF, 0xD9];

    private static ReadOnlySpan<byte> PngEnd => [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    private static bool Markup(ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head[..Math.Min(head.Length, 2048)]).ToLowerInvariant();
        return text.Contains("<script", StringComparison.Ordinal) || text.Contains("<html", StringComparison.Ordinal)
            || text.Contains("<!doctype", StringComparison.Ordinal) || text.Contains("<svg", StringComparison.Ordinal);
    }
}
