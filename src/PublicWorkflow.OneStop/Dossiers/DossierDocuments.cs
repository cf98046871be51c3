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
    /// <summary>The resolving agency's refusal of the application, with its reasons (not a one-stop form).</summary>
    Refusal,
    /// <summary>Phiếu từ chối tiếp nhận hồ sơ (form 03): a dossier the point could not receive, with the reasons.</summary>
    RefusalToReceive,
    /// <summary>Thông báo dừng giải quyết hồ sơ: the agency stops processing (after a withdrawal request or on its own grounds).</summary>
    StopNotice,
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
            DossierDocumentKind.Refusal when dossier.RefusalReasons is not null && dossier.Outcome == DossierOutcome.Refused => Refusal(dossier),
            DossierDocumentKind.RefusalToReceive when dossier.RefusalReasons is not null && dossier.Status == DossierStatus.NotAccepted => RefusalToReceive(dossier),
            DossierDocumentKind.StopNotice when dossier.Status == DossierStatus.Stopped => StopNotice(dossier),
            DossierDocumentKind.Apology when dossier.ApologizedAt is not null => Apology(dossier),
            DossierDocumentKind.TrackingSheet when dossier.Code is not null => TrackingSheet(handovers),
            _ => throw RuntimeException.Rejected("no-such-paper", $"dossier {dossier.Code ?? dossier.Id.ToString()} has no {kind} to print"),
        };
        var page = Page(FormName(kind), PaperDate(kind, dossier), dossier.BranchCode);
        page.Append("<dl>")
            .Append(Row("Mã hồ sơ", dossier.Code ?? "(chưa cấp)"))
            .Append(Row("Thủ tục", ProcedureLine(dossier, procedure)))
            .Append(Row("Người nộp", Applicant(dossier)))
            .Append(Row("Cơ quan giải quyết", dossier.AgencyCode is { } agency ? catalog.Structure.AgencyEver(agency)?.Name.Vi ?? agency : "—"))
            .Append(Row("Thời điểm tiếp nhận", Time(dossier.ReceivedAt)))
            .Append(dossier.ReceiptEnteredAt is { } entered ? Row("Thời điểm nhập hệ thống", $"{Time(entered)} ({E(dossier.ReceivedBy)})") : "")
            .Append("</dl>")
            .Append(body)
            .Append("</body></html>");
        return page.ToString();
    }

    /// <summary>
    /// The register (sổ theo dõi hồ sơ) of the dossiers one agency or service point received in a period, one row per
    /// dossier: code, procedure, applicant, receipt, appointment, result and return, as the register form lists them.
    /// </summary>
    public string Register(string unitName, DateOnly from, DateOnly to, IReadOnlyList<DossierRecord> dossiers)
    {
        var page = Page("register", to, null);
        page.Append("<dl>").Append(Row("Đơn vị", unitName)).Append(Row("Từ ngày", from.ToString("dd/MM/yyyy", Vietnamese)))
            .Append(Row("Đến ngày", to.ToString("dd/MM/yyyy", Vietnamese))).Append(Row("Số hồ sơ", dossiers.Count.ToString(Vietnamese))).Append("</dl>")
            .Append("<table><tr><th>TT</th><th>Mã hồ sơ</th><th>Thủ tục</th><th>Người nộp</th><th>Tiếp nhận</th><th>Hẹn trả</th><th>Giải quyết xong</th><th>Trả kết quả</th><th>Tình trạng</th></tr>");
        var i = 0;
        foreach (var d in dossiers)
        {
            page.Append("<tr><td>").Append(++i).Append("</td><td>").Append(E(d.Code ?? "—")).Append("</td><td>").Append(E(d.ProcedureCode)).Append("</td><td>")
                .Append(E(Applicant(d))).Append("</td><td>").Append(E(Time(d.ReceivedAt))).Append("</td><td>").Append(E(Time(d.AppointmentAt))).Append("</td><td>")
                .Append(E(Time(d.ResolvedAt))).Append("</td><td>").Append(E(Time(d.ReturnedAt))).Append("</td><td>").Append(E(DossierStatuses.Name(d.Status).Vi)).Append("</td></tr>");
        }
        return page.Append("</table>").Append(Signature("Người lập sổ", null)).Append("</body></html>").ToString();
    }

    /// <summary>The page with its heading: the form's number and circular in force on the paper's date, or none if that set has no such form.</summary>
    private StringBuilder Page(string formName, DateOnly date, string? branchCode)
    {
        var set = catalog.Forms.On(date);
        var form = set?.Forms.GetValueOrDefault(formName);
        var title = form?.Title ?? DefaultTitles[formName];
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
            .Append("body{font-family:'Times New Roman',serif;font-size:14pt;max-width:19cm;margin:1.5cm auto;line-height:1.4}")
            .Append("header{display:flex;justify-content:space-between;text-align:center;font-size:12pt}h1{text-align:center;font-size:15pt;margin:1em 0}")
            .Append(".form{text-align:right;font-size:11pt;font-style:italic}")
            .Append("table{border-collapse:collapse;width:100%;font-size:12pt}th,td{border:1px solid #000;padding:4px;vertical-align:top}")
            .Append("dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{font-weight:bold}@media print{body{margin:0}}</style></head><body>");
        if (form is not null)
        {
            page.Append("<p class=\"form\">Mẫu số ").Append(E(form.Number)).Append(" — ").Append(E(set!.Name)).Append("</p>");
        }
        return page.Append("<header><div><b>TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG<br>THÀNH PHỐ HÀ NỘI</b>")
            .Append(branchCode is { } branch ? $"<br>{E(catalog.Structure.Branches.FirstOrDefault(b => b.Code == branch)?.Name.Vi ?? branch)}" : "")
            .Append("</div><div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><u>Độc lập - Tự do - Hạnh phúc</u></div></header>")
            .Append("<h1>").Append(E(title)).Append("</h1>");
    }

    /// <summary>Titles for a paper whose form set has no such form (the agency's refusal is a letter, not a one-stop form).</summary>
    private static readonly Dictionary<string, string> DefaultTitles = new()
    {
        ["receipt"] = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        ["supplement-request"] = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        ["refusal"] = "THÔNG BÁO TỪ CHỐI GIẢI QUYẾT HỒ SƠ",
        ["refusal-to-receive"] = "PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ",
        ["apology"] = "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        ["stop-notice"] = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        ["tracking-sheet"] = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        ["register"] = "SỔ THEO DÕI HỒ SƠ",
    };

    public static string FormName(DossierDocumentKind kind) => kind switch
    {
        DossierDocumentKind.Receipt => "receipt",
        DossierDocumentKind.SupplementRequest => "supplement-request",
        DossierDocumentKind.Refusal => "refusal",
        DossierDocumentKind.RefusalToReceive => "refusal-to-receive",
        DossierDocumentKind.Apology => "apology",
        DossierDocumentKind.StopNotice => "stop-notice",
        _ => "tracking-sheet",
    };

    /// <summary>The date a paper is issued, which picks its form set.</summary>
    private DateOnly PaperDate(DossierDocumentKind kind, DossierRecord dossier) =>
        DateOnly.FromDateTime(clock.Calendar.ToLocal(new DateTimeOffset(kind switch
        {
            DossierDocumentKind.SupplementRequest => dossier.SupplementRequestedAt ?? dossier.ReceivedAt,
            DossierDocumentKind.Apology => dossier.ApologizedAt ?? dossier.ReceivedAt,
            DossierDocumentKind.StopNotice => dossier.StoppedAt ?? dossier.ReceivedAt,
            DossierDocumentKind.Refusal => dossier.ResolvedAt ?? dossier.ReceivedAt,
            _ => dossier.ReceivedAt,
        }, TimeSpan.Zero)));

    private string Receipt(DossierRecord dossier, Procedure? procedure, Uri trackingPage)
    {
        var presented = JsonSerializer.Deserialize<List<PresentedDocument>>(dossier.DocumentsJson, JsonOptions)!;
        var rows = presented.Select((d, i) =>
        {
            var name = procedure?.Documents.FirstOrDefault(x => x.Id == d.Id)?.Name.Vi ?? d.Id;
            var how = d switch
            {
                { FromNationalDatabase: true } => $"Khai thác từ CSDL quốc gia{(d.NationalReference is { } reference ? $" ({reference})" : "")}"
                    + (d.NationalReferenceIsFake ? " — dữ liệu giả lập, không phải CSDL thật" : ""),
                { ReusedFileId: not null } => "Dùng lại từ kho dữ liệu của công dân",
                _ => $"{d.Copies} bản",
            };
            return $"<tr><td>{i + 1}</td><td>{E(name)}</td><td>{E(how)}</td></tr>";
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

    /// <summary>The procedure with its national code, or, for a dossier received before that code came into force, the rule it ran under.</summary>
    private string ProcedureLine(DossierRecord dossier, Procedure? procedure)
    {
        if (procedure is null)
        {
            return dossier.ProcedureCode;
        }
        var receivedOn = DateOnly.FromDateTime(clock.Calendar.ToLocal(new DateTimeOffset(dossier.ReceivedAt, TimeSpan.Zero)));
        return procedure.CodeInForceOn(receivedOn)
            ? $"{procedure.Name.Vi} ({procedure.Code})"
            : $"{procedure.Name.Vi} (tiếp nhận trước khi mã {procedure.Code} có hiệu lực ngày {procedure.CodeSince!.From.ToString("dd/MM/yyyy", Vietnamese)}, theo quy định khi đó)";
    }

    private string RefusalToReceive(DossierRecord dossier) =>
        "<p>Hồ sơ của ông/bà không được tiếp nhận vì các lý do sau:</p><ol>"
        + string.Concat(Strings(dossier.RefusalReasons).Select(r => $"<li>{E(r)}</li>")) + "</ol>"
        + Signature("Người tiếp nhận", dossier.ReceivedBy);

    private string StopNotice(DossierRecord dossier) =>
        "<p>Cơ quan giải quyết thông báo dừng giải quyết hồ sơ của ông/bà.</p><dl>"
        + (dossier.WithdrawalRequestedAt is { } asked ? Row("Đề nghị rút hồ sơ ngày", Time(asked)) + Row("Lý do rút", dossier.WithdrawalReason ?? "") : "")
        + Row("Lý do dừng", dossier.StopReason ?? "")
        + Row("Ngày dừng", Time(dossier.StoppedAt)) + "</dl>" + Signature("Cơ quan giải quyết", null);

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
