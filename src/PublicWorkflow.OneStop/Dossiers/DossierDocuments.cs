using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Persistence.Entities;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;
using System.Text.Json;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Dossiers;

public enum DossierDocumentKind
{
    /// <summary>Giấy tiếp nhận hồ sơ và hẹn trả kết quả.</summary>
    Receipt,
    /// <summary>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.</summary>
    SupplementRequest,
    /// <summary>Phiếu từ chối giải quyết hồ sơ.</summary>
    Refusal,
    /// <summary>Phiếu xin lỗi và hẹn lại ngày trả kết quả.</summary>
    Apology,
    /// <summary>Phiếu kiểm soát quá trình giải quyết hồ sơ.</summary>
    TrackingSheet,
}

/// <summary>
/// The papers the center hands out, as printable HTML in Vietnamese (the language of the forms). Every value is
/// HTML-encoded; a paper the dossier has no grounds for (a refusal of a dossier not refused) is refused.
/// </summary>
public sealed class DossierDocuments(ProcedureCatalog catalog, DossierClock clock)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <param name="trackingPage">The public tracking page's address (…/track); the receipt's QR code opens it with the code and lookup key filled in.</param>
    public string Render(DossierDocumentKind kind, DossierRecord dossier, IReadOnlyList<HandoverRecord> handovers, Uri trackingPage)
    {
        var procedure = catalog.Find(dossier.ProcedureCode);
        var body = kind switch
        {
            DossierDocumentKind.Receipt when dossier.Code is not null => Receipt(dossier, procedure, trackingPage),
            DossierDocumentKind.SupplementRequest when dossier.MissingJson is not null => SupplementRequest(dossier),
            DossierDocumentKind.Refusal when dossier.RefusalReasons is not null => Refusal(dossier),
            DossierDocumentKind.Apology when dossier.ApologizedAt is not null => Apology(dossier),
            DossierDocumentKind.TrackingSheet when dossier.Code is not null => TrackingSheet(handovers),
            _ => throw RuntimeException.Rejected("no-such-paper", $"dossier {dossier.Code ?? dossier.Id.ToString()} has no {kind} to print"),
        };
        var title = Title(kind);
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
            .Append("body{font-family:'Times New Roman',serif;font-size:14pt;max-width:19cm;margin:1.5cm auto;line-height:1.4}")
            .Append("header{display:flex;justify-content:space-between;text-align:center;font-size:12pt}h1{text-align:center;font-size:15pt;margin:1em 0}")
            .Append("table{border-collapse:collapse;width:100%;font-size:12pt}th,td{border:1px solid #000;padding:4px;vertical-align:top}")
            .Append("dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{font-weight:bold}@media print{body{margin:0}}</style></head><body>")
            .Append("<header><div><b>TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG<br>THÀNH PHỐ HÀ NỘI</b>")
            .Append(dossier.BranchCode is { } branch ? $"<br>{E(catalog.Structure.Branches.FirstOrDefault(b => b.Code == branch)?.Name.Vi ?? branch)}" : "<br>Bộ phận tiếp nhận trực tuyến")
            .Append("</div><div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><u>Độc lập - Tự do - Hạnh phúc</u></div></header>")
            .Append("<h1>").Append(E(title)).Append("</h1>")
            .Append("<dl>")
            .Append(Row("Mã hồ sơ", dossier.Code ?? "(chưa cấp)"))
            .Append(Row("Thủ tục", procedure is null ? dossier.ProcedureCode : $"{procedure.Name.Vi} ({procedure.Code})"))
            .Append(Row("Người nộp", Applicant(dossier)))
            .Append(Row("Cơ quan giải quyết", dossier.AgencyCode is { } agency ? catalog.Structure.AgencyEver(agency)?.Name.Vi ?? agency : "—"))
            .Append(Row("Thời điểm tiếp nhận", Time(dossier.ReceivedAt)))
            .Append(dossier.ReceiptEnteredAt is { } entered ? Row("Thời điểm nhập hệ thống", $"{Time(entered)} ({E(dossier.ReceivedBy)})") : "")
            .Append("</dl>")
            .Append(body)
            .Append("</body></html>");
        return page.ToString();
    }

    public static string Title(DossierDocumentKind kind) => kind switch
    {
        DossierDocumentKind.Receipt => "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        DossierDocumentKind.SupplementRequest => "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        DossierDocumentKind.Refusal => "PHIẾU TỪ CHỐI GIẢI QUYẾT HỒ SƠ",
        DossierDocumentKind.Apology => "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        _ => "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    };

    private string Receipt(DossierRecord dossier, Procedure? procedure, Uri trackingPage)
    {
        var presented = JsonSerializer.Deserialize<List<PresentedDocument>>(dossier.DocumentsJson, JsonOptions)!;
        var rows = presented.Select((d, i) =>
        {
            var name = procedure?.Documents.FirstOrDefault(x => x.Id == d.Id)?.Name.Vi ?? d.Id;
            return $"<tr><td>{i + 1}</td><td>{E(name)}</td><td>{(d.FromNationalDatabase ? "Khai thác từ CSDL quốc gia" : $"{d.Copies} bản")}</td></tr>";
        });
        return "<h2>Thành phần hồ sơ</h2><table><tr><th>TT</th><th>Tên giấy tờ</th><th>Số lượng</th></tr>" + string.Concat(rows) + "</table><dl>"
            + Row("Ngày hẹn trả kết quả", Time(dossier.AppointmentAt))
            + Row("Hình thức nhận kết quả", dossier.Delivery switch { "online" => "Trực tuyến", "post" => "Qua dịch vụ bưu chính", _ => "Tại Trung tâm" })
            + Row("Phí, lệ phí", dossier.FeeAmount is { } fee ? $"{fee.ToString("N0", Vietnamese)} đồng" : "Theo quy định (chưa xác định mức)")
            + "</dl>" + CutoffNotice(dossier, procedure) + Tracking(dossier, trackingPage)
            + Signature("Người tiếp nhận", dossier.ReceivedBy);
    }

    /// <summary>The same-day cut-off, printed only for a procedure whose rule on the day of receipt has one.</summary>
    private string CutoffNotice(DossierRecord dossier, Procedure? procedure) =>
        procedure?.TimeLimitOn(DateOnly.FromDateTime(clock.Calendar.ToLocal(new DateTimeOffset(dossier.ReceivedAt, TimeSpan.Zero))))?.SameDayCutoff is { } cutoff
            ? $"<p>Thủ tục giải quyết trong ngày: hồ sơ tiếp nhận sau {cutoff.At.Hour} giờ{(cutoff.At.Minute == 0 ? "" : $" {cutoff.At.Minute:D2} phút")} mà không giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo.</p>"
            : "";

    /// <summary>
    /// The lookup key and a QR code that opens the tracking page with code and key filled in: the citizen's only way to
    /// track and rate, so it is printed on the receipt and nowhere public.
    /// </summary>
    private static string Tracking(DossierRecord dossier, Uri trackingPage)
    {
        if (dossier.LookupKey is null)
        {
            return "";
        }
        var link = $"{trackingPage}?code={Uri.EscapeDataString(dossier.Code!)}&key={LookupKeys.Format(dossier.LookupKey)}";
        using var data = new QRCoder.QRCodeGenerator().CreateQrCode(link, QRCoder.QRCodeGenerator.ECCLevel.M);
        // A viewBox, not fixed pixels, so the printed size is the 3.5 cm the page gives it.
        var svg = new QRCoder.SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, QRCoder.SvgQRCode.SizingMode.ViewBoxAttribute);
        return "<section style=\"display:flex;gap:16px;align-items:center;margin-top:1em\"><div class=\"qr\" style=\"flex:none;width:3.5cm;height:3.5cm\">"
            + svg.Replace("<svg ", "<svg style=\"width:100%;height:100%\" ") + "</div><div><dl>"
            + Row("Mã tra cứu (bí mật)", LookupKeys.Format(dossier.LookupKey))
            + Row("Tra cứu tại", trackingPage.ToString())
            + "</dl><p>Quét mã QR hoặc nhập mã hồ sơ và mã tra cứu để theo dõi và đánh giá hồ sơ. Không chia sẻ mã tra cứu.</p></div></section>";
    }

    private string SupplementRequest(DossierRecord dossier) =>
        "<p>Hồ sơ của ông/bà chưa đầy đủ. Đề nghị bổ sung, hoàn thiện <b>toàn bộ</b> các nội dung sau:</p><ol>"
        + string.Concat(Strings(dossier.MissingJson).Select(m => $"<li>{E(m)}</li>")) + "</ol>"
        + "<dl>" + Row("Ngày yêu cầu", Time(dossier.SupplementRequestedAt)) + "</dl>" + Signature("Người hướng dẫn", dossier.ReceivedBy);

    private string Refusal(DossierRecord dossier) =>
        "<p>Cơ quan giải quyết từ chối giải quyết hồ sơ của ông/bà vì các lý do sau:</p><ol>"
        + string.Concat(Strings(dossier.RefusalReasons).Select(r => $"<li>{E(r)}</li>")) + "</ol>" + Signature("Cơ quan giải quyết", null);

    private string Apology(DossierRecord dossier) =>
        "<p>Cơ quan giải quyết thành thật xin lỗi ông/bà vì hồ sơ không được giải quyết đúng hẹn.</p><dl>"
        + Row("Lý do", dossier.ApologyReason ?? "")
        + Row("Ngày hẹn trước đây", Time(dossier.AppointmentBeforeApology))
        + Row("Ngày hẹn trả kết quả mới", Time(dossier.AppointmentAt)) + "</dl>" + Signature("Thủ trưởng cơ quan giải quyết", null);

    private string TrackingSheet(IReadOnlyList<HandoverRecord> handovers) =>
        "<table><tr><th>Bước</th><th>Bên giao</th><th>Bên nhận</th><th>Thời gian giao, nhận</th><th>Hạn của bước</th><th>Kết quả</th></tr>"
        + string.Concat(handovers.Select(h =>
            $"<tr><td>{E(h.StepName)}</td><td>{E(Party(h.FromParty))}<br><i>{E(h.FromActor)}</i></td><td>{E(string.Join(", ", h.ToParty.Split(", ").Select(Party)))}</td>"
            + $"<td>{E(Time(h.At))}</td><td>{E(Time(h.StepDueAt))}</td><td>{Timing(h.Timing)}</td></tr>"))
        + "</table>";

    private string Party(string label)
    {
        var (kind, code) = label.IndexOf(':') is var i and > 0 ? (label[..i], label[(i + 1)..]) : (label, "");
        return kind switch
        {
            "branch" => catalog.Structure.Branches.FirstOrDefault(b => b.Code == code)?.Name.Vi ?? $"Bộ phận một cửa ({code})",
            "agency" => catalog.Structure.AgencyEver(code)?.Name.Vi ?? code,
            "applicant" => "Công dân, tổ chức",
            _ => label,
        };
    }

    private static string Timing(HandoverTiming timing) => timing switch
    {
        HandoverTiming.Early => "Trước hạn",
        HandoverTiming.OnTime => "Đúng hạn",
        _ => "Quá hạn",
    };

    private static string Applicant(DossierRecord dossier) =>
        JsonSerializer.Deserialize<Applicant>(dossier.ApplicantJson, JsonOptions)?.FullName ?? "";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static IEnumerable<string> Strings(string? json) => json is null ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];

    private string Time(DateTime? utc) =>
        utc is { } at ? clock.Calendar.ToLocal(new DateTimeOffset(at, TimeSpan.Zero)).ToString("HH 'giờ' mm, 'ngày' dd/MM/yyyy", Vietnamese) : "—";

    private static string Row(string term, string value) => $"<dt>{E(term)}</dt><dd>{E(value)}</dd>";

    private static string Signature(string role, string? name) =>
        $"<p style=\"text-align:right;margin-top:2em\"><b>{E(role)}</b><br><i>(Ký, ghi rõ họ tên)</i><br><br>{E(name ?? "")}</p>";

    /// <summary>Encodes markup characters only: Vietnamese letters stay readable in the page source.</summary>
    private static string E(string text) => Encoder.Encode(text);

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
}
