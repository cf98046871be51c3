using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;

namespace PublicWorkflow.Server.Hosting;

/// <summary>
/// Imports the workflows the catalog's procedures run, at every start (see <see cref="CatalogImport"/>: a file is
/// published only when it changed and no officer has published its key since). Files left out are logged and kept for /health.
/// </summary>
internal sealed class CatalogStartup(IServiceScopeFactory scopes, ProcedureCatalog catalog, WorkflowImportReport report, ILogger<CatalogStartup> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outcomes = await scope.ServiceProvider.GetRequiredService<CatalogImport>().PublishWorkflowsAsync(catalog, cancellationToken);
        foreach (var outcome in outcomes)
        {
            if (outcome.Created)
            {
                log.LogInformation("Published workflow {Key} version {Version} from {File}{Supersedes}", outcome.Key, outcome.Version, outcome.File,
                    outcome.Supersedes is { } old ? $", superseding version {old}" : "");
            }
            if (outcome.NotImported is not null)
            {
                log.LogWarning("Workflow {Key} not imported: {Reason}", outcome.Key, outcome.NotImported);
            }
        }
        report.Record(outcomes);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The changed workflow files the start-up import left out (an officer's version is newer, or the file cannot be
/// published), and why; a file an officer then imports explicitly is no longer left out.
/// </summary>
internal sealed class WorkflowImportReport
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> notImported = new();

    public IReadOnlyList<string> NotImported => notImported.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value).ToList();

    public void Record(IEnumerable<WorkflowImport> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            if (outcome.NotImported is { } reason)
            {
                notImported[outcome.Key] = reason;
            }
            else
            {
                notImported.TryRemove(outcome.Key, out _);
            }
        }
    }
}
