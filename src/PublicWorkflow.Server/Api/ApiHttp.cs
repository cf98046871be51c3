using System.Security.Claims;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Api;

/// <summary>A request the API refuses before any command runs (a stale If-Match, a record outside the caller's scope).</summary>
public sealed class ApiRefusal(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}

/// <summary>What every command endpoint reads from the request: the caller, the Idempotency-Key, the If-Match revision.</summary>
internal static class ApiHttp
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static StaffMember Caller(ClaimsPrincipal user) => StaffMember.From(user);

    public static string? IdempotencyKey(HttpRequest request) =>
        request.Headers.TryGetValue(IdempotencyHeader, out var value) && value.Count > 0 ? value.ToString() : null;

    public static string ETag(int revision) => $"\"{revision}\"";

    /// <summary>An If-Match that names another revision: someone changed the record since the caller read it (412).</summary>
    public static void CheckIfMatch(HttpRequest request, int revision)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && ifMatch != "*" && !ifMatch.Split(',').Select(t => t.Trim().Replace("W/", "")).Contains(ETag(revision)))
        {
            throw new ApiRefusal(StatusCodes.Status412PreconditionFailed, "stale-revision",
                $"the record is at revision {revision}, not {ifMatch}: reload it / bản ghi đã thay đổi, hãy tải lại");
        }
    }

    /// <summary>A clerk or team lead acts only on what belongs to their agency or branch.</summary>
    public static void CheckScope(StaffMember caller, params string?[] owners)
    {
        if (!owners.Any(caller.WorksFor))
        {
            throw new ApiRefusal(StatusCodes.Status403Forbidden, "outside-scope",
                "this record belongs to another agency or branch / hồ sơ thuộc cơ quan, chi nhánh khác");
        }
    }

    /// <summary>Instants in Vietnam time with their offset (+07:00).</summary>
    public static DateTimeOffset? Local(WorkingCalendar calendar, DateTime? utc) =>
        utc is { } at ? TimeZoneInfo.ConvertTime(new DateTimeOffset(at, TimeSpan.Zero), calendar.Zone) : null;
}
