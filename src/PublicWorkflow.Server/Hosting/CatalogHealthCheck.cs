using Microsoft.Extensions.Diagnostics.HealthChecks;
using PublicWorkflow.Runtime.Catalog;

namespace PublicWorkflow.Server.Hosting;

/// <summary>Degraded when a catalog file has problems (those entries are not offered), unhealthy when nothing loaded.</summary>
internal sealed class CatalogHealthCheck(ProcedureCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var summary = $"{catalog.Procedures.Count} procedures, {catalog.Structure.Agencies.Count} agencies, {catalog.Structure.Branches.Count} branches";
        var problems = catalog.Problems.Take(20).Select(p => (object)p.ToString()).ToList();
        var data = new Dictionary<string, object> { ["problems"] = problems };
        return Task.FromResult(catalog.Procedures.Count == 0
            ? HealthCheckResult.Unhealthy("no procedure loaded from the catalog", data: data)
            : catalog.Problems.Count > 0
                ? HealthCheckResult.Degraded($"{summary}; {catalog.Problems.Count} problems in catalog files", data: data)
                : HealthCheckResult.Healthy(summary));
    }
}
