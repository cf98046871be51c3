using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PublicWorkflow.Server.Hosting;

/// <summary>Writes /health as JSON: the overall status and each check's, so an operator sees what is wrong.</summary>
internal static class HealthReportWriter
{
    public static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
