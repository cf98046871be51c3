using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PublicWorkflow.OneStop.Results;

namespace PublicWorkflow.OneStop.Tests.Support;

/// <summary>Small real files for the document store's tests (linked into the API and browser tests too).</summary>
public static class OneStopSamples
{
    /// <summary>A one-page PDF with the text, in Vietnamese if need be.</summary>
    public static byte[] Pdf(string text)
    {
        ResultFonts.Install();
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            graphics.DrawString(text, new XFont(ResultFonts.Family, 12), XBrushes.Black, new XPoint(50, 50));
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>A minimal JPEG: start marker, a comment, end marker.</summary>
    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x06, (byte)'s', (byte)'c', (byte)'a', (byte)'n', 0xFF, 0xD9];
}
