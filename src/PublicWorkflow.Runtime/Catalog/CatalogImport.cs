using PublicWorkflow.Runtime.Definitions;

namespace PublicWorkflow.Runtime.Catalog;

/// <summary>
/// Publishes the workflows the catalog's procedures run. <see cref="DefinitionStore"/> makes a new version only when
/// the BPMN changed (same content hash: nothing happens), so importing at every start-up is safe.
/// </summary>
public sealed class CatalogImport(DefinitionStore definitions)
{
    public const string Actor = "catalog-import";

    public async Task<IReadOnlyList<PublishOutcome>> PublishWorkflowsAsync(ProcedureCatalog catalog, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<PublishOutcome>();
        foreach (var (key, path) in catalog.WorkflowFiles.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            outcomes.Add(await definitions.PublishAsync(key, await File.ReadAllTextAsync(path, cancellationToken), Actor, cancellationToken));
        }
        return outcomes;
    }
}
