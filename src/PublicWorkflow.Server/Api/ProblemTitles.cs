using Microsoft.AspNetCore.Http;

namespace PublicWorkflow.Server.Api;

/// <summary>
/// The framework's own problem titles ("One or more validation errors occurred.", "Not Found"…) in the request's
/// language. Titles the API wrote itself are already bilingual by request and are left alone.
/// </summary>
internal static class ProblemTitles
{
    private static readonly Dictionary<string, string> Vietnamese = new(StringComparer.Ordinal)
    {
        ["One or more validation errors occurred."] = "Dữ liệu không hợp lệ",
        ["Bad Request"] = "Yêu cầu không hợp lệ",
        ["Unauthorized"] = "Chưa đăng nhập",
        ["Forbidden"] = "Không có quyền",
        ["Not Found"] = "Không tìm thấy",
        ["Method Not Allowed"] = "Phương thức không được phép",
        ["Conflict"] = "Xung đột với thay đổi khác",
        ["Payload Too Large"] = "Dữ liệu gửi lên quá lớn",
        ["Unsupported Media Type"] = "Định dạng dữ liệu không được hỗ trợ",
        ["Unprocessable Entity"] = "Trạng thái không cho phép",
        ["Too Many Requests"] = "Quá nhiều yêu cầu",
        ["An error occurred while processing your request."] = "Có lỗi khi xử lý yêu cầu",
        ["Service Unavailable"] = "Hệ thống tạm thời gián đoạn",
    };

    public static void Translate(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Title is { } title && Vietnamese.TryGetValue(title, out var vi)
            && Hosting.RequestLanguage.Of(context.HttpContext.Request) == Hosting.RequestLanguage.Vietnamese)
        {
            context.ProblemDetails.Title = vi;
        }
    }
}
