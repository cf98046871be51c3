using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Signatures;

namespace PublicWorkflow.OneStop.Results;

/// <summary>What an electronic result states: who issued what, to which dossier, signed by whom, when.</summary>
public sealed record ResultContent(string Number, string AgencyName, string DossierCode, string ProcedureCode, string ProcedureName, string Decision,
    string SignerName, string SignerTitle, DateTime IssuedLocal, Uri VerificationUrl);

/// <summary>
/// The electronic result as a PDF in Vietnamese (Noto Serif), with a QR code that opens the public verification page,
/// signed with the agency's certificate (an embedded <c>adbe.pkcs7.detached</c> signature over the whole file but
/// the signature itself). The result's number is also the document's subject, so a copy can be matched to its record.
/// </summary>
public static class ResultDocument
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static async Task<byte[]> SignedPdfAsync(ResultContent content, SigningCertificate signing)
    {
        ResultFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = $"Kết quả giải quyết hồ sơ {content.DossierCode}";
        document.Info.Subject = content.Number;
        document.Info.Author = content.AgencyName;
        document.Info.Creator = "PublicWorkflow";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        Draw(page, content);
        var options = new DigitalSignatureOptions
        {
            ContactInfo = content.AgencyName,
            Location = "Hà Nội",
            Reason = $"Ban hành kết quả {content.Number}",
            AppName = "PublicWorkflow",
            Rectangle = new XRect(340, 60, 200, 50),
            PageIndex = 0,
        };
        DigitalSignatureHandler.ForDocument(document, new PdfSharpDefaultSigner(signing.Certificate, PdfMessageDigestType.SHA256, null), options);
        using var output = new MemoryStream();
        await document.SaveAsync(output);
        return output.ToArray();
    }

    private static void Draw(PdfPage page, ResultContent content)
    {
        using var graphics = XGraphics.FromPdfPage(page);
        var regular = new XFont(ResultFonts.Family, 12);
        var bold = new XFont(ResultFonts.Family, 12, XFontStyleEx.Bold);
        var title = new XFont(ResultFonts.Family, 16, XFontStyleEx.Bold);
        var width = page.Width.Point;
        graphics.DrawString(content.AgencyName.ToUpper(Vietnamese), bold, XBrushes.Black, new XRect(40, 50, 250, 20), XStringFormats.TopCenter);
        graphics.DrawString($"Số: {content.Number}", regular, XBrushes.Black, new XRect(40, 72, 250, 20), XStringFormats.TopCenter);
        graphics.DrawString("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, XBrushes.Black, new XRect(width - 310, 50, 270, 20), XStringFormats.TopCenter);
        graphics.DrawString("Độc lập - Tự do - Hạnh phúc", bold, XBrushes.Black, new XRect(width - 310, 68, 270, 20), XStringFormats.TopCenter);
        graphics.DrawString($"Hà Nội, ngày {content.IssuedLocal:dd} tháng {content.IssuedLocal:MM} năm {content.IssuedLocal:yyyy}", regular, XBrushes.Black,
            new XRect(width - 310, 92, 270, 20), XStringFormats.TopCenter);
        graphics.DrawString("KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", title, XBrushes.Black, new XRect(0, 140, width, 24), XStringFormats.TopCenter);

        var formatter = new XTextFormatter(graphics);
        var y = 190.0;
        foreach (var (label, value) in new[]
                 {
                     ("Thủ tục", $"{content.ProcedureName} ({content.ProcedureCode})"),
                     ("Mã hồ sơ", content.DossierCode),
                     ("Quyết định", content.Decision),
                     ("Cơ quan giải quyết", content.AgencyName),
                 })
        {
            graphics.DrawString($"{label}:", bold, XBrushes.Black, new XPoint(60, y + 12));
            formatter.DrawString(value, regular, XBrushes.Black, new XRect(200, y, width - 260, 60));
            y += value.Length > 60 ? 40 : 24;
        }
        graphics.DrawString(content.SignerTitle.ToUpper(Vietnamese), bold, XBrushes.Black, new XRect(width - 310, y + 30, 270, 20), XStringFormats.TopCenter);
        graphics.DrawString("(Đã ký số)", regular, XBrushes.Black, new XRect(width - 310, y + 50, 270, 20), XStringFormats.TopCenter);
        graphics.DrawString(content.SignerName, bold, XBrushes.Black, new XRect(width - 310, y + 72, 270, 20), XStringFormats.TopCenter);

        using var qr = new QRCoder.QRCodeGenerator().CreateQrCode(content.VerificationUrl.ToString(), QRCoder.QRCodeGenerator.ECCLevel.M);
        var bitmap = new QRCoder.BitmapByteQRCode(qr).GetGraphic(6);
        using var image = XImage.FromStream(new MemoryStream(bitmap));
        graphics.DrawImage(image, 60, y + 30, 100, 100);
        formatter.DrawString("Quét mã để kiểm tra tính xác thực của kết quả / Scan to verify this result", new XFont(ResultFonts.Family, 9), XBrushes.Black,
            new XRect(60, y + 134, 160, 40));
    }
}
