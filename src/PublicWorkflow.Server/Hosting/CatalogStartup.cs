using PublicWorkflow.Runtime.Catalog;

namespace PublicWorkflow.Server.Hosting;

/// <summary>
/// Publishes the workflows the catalog's procedures run, at every start. Unchanged BPMN publishes nothing (the
/// definition store compares content hashes), so this only ever adds a version when a file really changed.
/// </summary>
internal sealed class CatalogStartup(IServiceScopeFactory scopes, ProcedureCatalog catalog, ILogger<CatalogStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outcomes = await scope.ServiceProvider.GetRequiredService<CatalogImport>().PublishWorkflowsAsync(catalog, cancellationToken);
        foreach (var outcome in outcomes.Where(o => o.Created))
        {
            log.LogInformation("Published workflow {Key} version {Version}", outcome.Key, outcome.Version);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
