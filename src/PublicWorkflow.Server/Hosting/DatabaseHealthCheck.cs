using Microsoft.Extensions.Diagnostics.HealthChecks;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.Server.Hosting;

/// <summary>Unhealthy when the database cannot be reached: no command could be carried out.</summary>
internal sealed class DatabaseHealthCheck(WorkflowDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"{db.Database.ProviderName}")
            : HealthCheckResult.Unhealthy("the database cannot be reached");
}
