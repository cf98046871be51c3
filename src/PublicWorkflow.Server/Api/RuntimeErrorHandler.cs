using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.Server.Api;

/// <summary>
/// Turns what a command refused into RFC 7807 problem details: invalid input 400 with the field at fault, unknown
/// ids 404, a conflict with what happened first 409, a command the case's state does not allow 422. Malformed
/// requests the framework rejects (bad JSON, wrong types, too large) are 400/413, never 500. A database that cannot be
/// reached is 503 with Retry-After: the request was fine, and nothing was half-written (each command is one transaction).
/// </summary>
internal sealed class RuntimeErrorHandler(IProblemDetailsService problems, ILogger<RuntimeErrorHandler> log) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before trying again while the database is out.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (Runtime.Persistence.DatabaseErrors.IsUnavailable(exception))
        {
            log.LogWarning("Database unavailable for {Method} {Path}: {Reason}", http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var unavailable = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = ApiText.Of(http, "Hệ thống tạm thời gián đoạn", "Service temporarily unavailable"),
                Detail = ApiText.Of(http, $"Cơ sở dữ liệu tạm thời không truy cập được; vui lòng thử lại sau {RetryAfterSeconds} giây.",
                    $"The database cannot be reached right now; try again in {RetryAfterSeconds} seconds."),
            };
            unavailable.Extensions["code"] = "database-unavailable";
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = unavailable, Exception = exception });
        }

        var (status, title, code, field) = exception switch
        {
            RuntimeException { Kind: RuntimeErrorKind.NotFound } e => (404, ApiText.Of(http, "Không tìm thấy", "Not found"), e.Code, null),
            RuntimeException { Kind: RuntimeErrorKind.Conflict } e => (409, ApiText.Of(http, "Xung đột với thay đổi khác", "Conflict"), e.Code, null),
            RuntimeException { Kind: RuntimeErrorKind.Rejected } e => (422, ApiText.Of(http, "Trạng thái hồ sơ không cho phép", "Not allowed in this state"), e.Code, null),
            RuntimeException { Kind: RuntimeErrorKind.Invalid } e => (400, ApiText.Of(http, "Dữ liệu không hợp lệ", "Invalid input"), e.Code, e.Field ?? "request"),
            RuntimeException { Kind: RuntimeErrorKind.TooLarge } e => (413, ApiText.Of(http, "Dữ liệu quá lớn", "Too large"), e.Code, e.Field ?? "request"),
            ApiRefusal e => (e.Status, e.Status == 403 ? ApiText.Of(http, "Không có quyền", "Forbidden") : ApiText.Of(http, "Điều kiện không thỏa", "Precondition failed"), e.Code, null),
            BadHttpRequestException e => (e.StatusCode, ApiText.Of(http, "Yêu cầu không hợp lệ", "Bad request"), "bad-request",
                (string?)(e.InnerException is System.Text.Json.JsonException { Path: { Length: > 2 } path } ? path.TrimStart('$', '.') : "body")),
            _ => (0, "", "", null),
        };
        if (status == 0)
        {
            return false;
        }
        var details = new ProblemDetails { Status = status, Title = title, Detail = exception.Message };
        details.Extensions["code"] = code;
        if (exception is RuntimeException { Problems.Count: > 0 } invalid)
        {
            var language = Hosting.RequestLanguage.Of(http.Request);
            details.Extensions["problems"] = invalid.Problems.Select(p => new { p.Code, p.ElementId, p.Line, Reason = p.ReasonIn(language) }).ToList();
        }
        if (field is not null)
        {
            details.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [exception.Message] };
        }
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }
}
