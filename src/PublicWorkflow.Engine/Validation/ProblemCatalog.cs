using System.Globalization;

namespace PublicWorkflow.Engine.Validation;

/// <summary>The wording of every problem the validator reports, in English and Vietnamese.</summary>
internal static class ProblemCatalog
{
    private static readonly Dictionary<string, (string En, string Vi)> Texts = new()
    {
        ["unsupported-element"] = ("<{0}> is not supported by the engine and would not run", "Phần tử <{0}> chưa được hỗ trợ, quy trình sẽ không chạy được"),
        ["duplicate-id"] = ("the id '{0}' is used more than once", "Mã '{0}' bị dùng nhiều lần"),
        ["no-start"] = ("{0} has no start event", "{0} không có sự kiện bắt đầu"),
        ["several-starts"] = ("{0} has more than one none start event", "{0} có nhiều hơn một sự kiện bắt đầu thường"),
        ["dangling-reference"] = ("{0} refers to '{1}', which does not exist", "{0} tham chiếu tới '{1}' không tồn tại"),
        ["cross-scope-flow"] = ("the flow leaves or enters a sub-process; connect to the sub-process itself", "Luồng đi xuyên ranh giới quy trình con; hãy nối vào chính quy trình con"),
        ["unreachable"] = ("no path from a start event reaches this element", "Không có đường nào từ sự kiện bắt đầu tới phần tử này"),
        ["no-way-to-end"] = ("no path leads from this element to an end event", "Từ phần tử này không có đường tới sự kiện kết thúc"),
        ["flow-without-condition"] = ("gateway '{0}' has several outgoing flows; flow '{1}' has neither a condition nor is it the default", "Cổng '{0}' có nhiều nhánh ra; luồng '{1}' không có điều kiện và không phải nhánh mặc định"),
        ["bad-default"] = ("the default flow '{0}' does not leave this gateway", "Luồng mặc định '{0}' không xuất phát từ cổng này"),
        ["join-never-fires"] = ("this parallel join can never fire: flows '{0}' and '{1}' are never active together (they come from alternative branches)", "Cổng hợp song song này không bao giờ kích hoạt: luồng '{0}' và '{1}' không bao giờ cùng có token (chúng thuộc các nhánh loại trừ nhau)"),
        ["bad-timer"] = ("bad timer: {0}", "Biểu thức hẹn giờ không hợp lệ: {0}"),
        ["bad-expression"] = ("the condition does not parse: {0}", "Điều kiện không phân tích được: {0}"),
        ["missing-handler"] = ("the service task names no handler (pwf:handler)", "Tác vụ tự động chưa khai báo bộ xử lý (pwf:handler)"),
        ["missing-role"] = ("the user task names no candidate role (pwf:candidateRole) or assignee", "Tác vụ người dùng chưa khai báo vai trò thực hiện (pwf:candidateRole) hoặc người được giao"),
        ["bad-time-limit"] = ("{0}", "Thời hạn bước không hợp lệ: {0}"),
        ["missing-called-element"] = ("the call activity names no procedure to call (calledElement)", "Hoạt động gọi chưa chỉ rõ thủ tục được gọi (calledElement)"),
        ["missing-message"] = ("the message event names no message", "Sự kiện thông điệp chưa chỉ rõ thông điệp"),
        ["bad-boundary"] = ("{0}", "Sự kiện biên không hợp lệ: {0}"),
        ["missing-escalation-code"] = ("the escalation end event names no escalation with a code", "Sự kiện kết thúc chuyển cấp chưa chỉ rõ mã chuyển cấp"),
    };

    public static Problem Make(string code, string? elementId, int line, params object?[] args)
    {
        var (en, vi) = Texts[code];
        return new Problem(code, elementId, line,
            string.Format(CultureInfo.InvariantCulture, en, args),
            string.Format(CultureInfo.InvariantCulture, vi, args));
    }

    public static IReadOnlyCollection<string> Codes => Texts.Keys;
}
