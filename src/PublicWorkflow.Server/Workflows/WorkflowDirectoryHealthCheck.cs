using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PublicWorkflow.Server.Workflows;

/// <summary>Unhealthy when the workflows folder cannot be found: nothing could run.</summary>
internal sealed class WorkflowDirectoryHealthCheck(WorkflowDirectory directory) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(directory.Path is null
            ? HealthCheckResult.Unhealthy("the workflows folder was not found")
            : HealthCheckResult.Healthy($"workflows from {directory.Path}"));
}
