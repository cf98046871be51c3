using Microsoft.Extensions.Diagnostics.HealthChecks;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;

namespace PublicWorkflow.Server.Hosting;

/// <summary>
/// Degraded when a catalog file has problems (those entries are not offered) or a changed workflow file was not imported
/// (an officer's version is newer, or it cannot be published); unhealthy when nothing loaded.
/// </summary>
internal sealed class CatalogHealthCheck(ProcedureCatalog catalog, WorkflowImportReport imports) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var summary = $"{catalog.Procedures.Count} procedures, {catalog.Structure.Agencies.Count} agencies, {catalog.Structure.Branches.Count} branches";
        var problems = catalog.Problems.Take(20).Select(p => (object)p.ToString()).ToList();
        var data = new Dictionary<string, object> { ["problems"] = problems, ["workflowsNotImported"] = imports.NotImported };
        var degraded = new List<string>();
        if (catalog.Problems.Count > 0)
        {
            degraded.Add($"{catalog.Problems.Count} problems in catalog files");
        }
        if (imports.NotImported.Count > 0)
        {
            degraded.Add($"{imports.NotImported.Count} changed workflow file(s) not imported: {string.Join(" ", imports.NotImported)}");
        }
        return Task.FromResult(catalog.Procedures.Count == 0
            ? HealthCheckResult.Unhealthy("no procedure loaded from the catalog", data: data)
            : degraded.Count > 0
                ? HealthCheckResult.Degraded($"{summary}; {string.Join("; ", degraded)}", data: data)
                : HealthCheckResult.Healthy(summary));
    }
}
