using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PublicWorkflow.Server.Api;

namespace PublicWorkflow.Server.Hosting;

/// <summary>
/// Per-client limits (by IP address, a fixed window of one minute) on what strangers can call: the public endpoints and
/// sign-in. Over the limit the answer is 429 problem details with Retry-After; nothing else is touched.
/// </summary>
internal static class RateLimits
{
    public const string SignIn = "sign-in";

    public static IServiceCollection AddPublicWorkflowRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(PublicApi.RateLimitPolicy, http => PerClient(http, o => o.PublicRequestsPerMinute));
            options.AddPolicy(SignIn, http => PerClient(http, o => o.SignInAttemptsPerMinute));
            options.OnRejected = RejectAsync;
        });

    private static RateLimitPartition<string> PerClient(HttpContext http, Func<ServerOptions, int> permits)
    {
        var limit = permits(http.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = ApiText.Of(http, "Quá nhiều yêu cầu", "Too many requests"),
            Detail = ApiText.Of(http, $"Vui lòng thử lại sau {seconds} giây.", $"Try again in {seconds} seconds."),
        };
        problem.Extensions["code"] = "rate-limited";
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
