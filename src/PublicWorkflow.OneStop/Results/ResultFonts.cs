using PdfSharp.Fonts;

namespace PublicWorkflow.OneStop.Results;

/// <summary>
/// The fonts of electronic results: Noto Serif (SIL Open Font License, shipped in Fonts/), which has every Vietnamese
/// letter with its stacked marks; every family PDFsharp asks for (its signature stamp asks for Verdana) gets it, so no
/// system font is needed on the server.
/// </summary>
public sealed class ResultFonts : IFontResolver
{
    public const string Family = "Noto Serif";

    private static readonly Lazy<byte[]> Regular = new(() => Load("NotoSerif-Regular.ttf"));
    private static readonly Lazy<byte[]> Bold = new(() => Load("NotoSerif-Bold.ttf"));
    private static readonly object Gate = new();

    /// <summary>Installs the resolver once per process (PDFsharp allows only one).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not ResultFonts)
            {
                GlobalFontSettings.FontResolver = new ResultFonts();
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "NotoSerif-Bold" : "NotoSerif-Regular", false, italic);

    public byte[] GetFont(string faceName) => faceName == "NotoSerif-Bold" ? Bold.Value : Regular.Value;

    private static byte[] Load(string file)
    {
        using var stream = typeof(ResultFonts).Assembly.GetManifestResourceStream($"PublicWorkflow.OneStop.Results.Fonts.{file}")
            ?? throw new InvalidOperationException($"the font {file} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
