using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.OneStop.Persistence;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Definitions;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.OneStop.Catalog;

/// <summary>What importing one workflow file did.</summary>
/// <param name="Version">The version now serving the key (null when a conflict left the key without a version it could name).</param>
/// <param name="Created">True when the import published a new version.</param>
/// <param name="Supersedes">The version the new one replaced, if any.</param>
/// <param name="NotImported">
/// Why a changed file was not imported: a version published through the designer is newer than the file's last import, or
/// the file cannot be published here (e.g. it assigns a step to an account this system does not have).
/// </param>
public sealed record WorkflowImport(string Key, string File, int? Version, bool Created, int? Supersedes, string? NotImported);

/// <summary>
/// Imports the workflows the catalog's procedures run from workflows/*.bpmn. The files are seed content: a file is
/// published when its key has no version yet, or when the file changed since it was last imported and nobody has
/// published the key since. A version published through the designer is never superseded by a restart; the conflict
/// is reported instead, and an officer who wants the file back imports it explicitly.
/// </summary>
public sealed class CatalogImport(OneStopDbContext db, DefinitionStore definitions)
{
    public const string Actor = "catalog-import";

    /// <summary>How often a key is tried again when another node published it at the same moment (two nodes starting together).</summary>
    private const int Attempts = 3;

    public async Task<IReadOnlyList<WorkflowImport>> PublishWorkflowsAsync(ProcedureCatalog catalog, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<WorkflowImport>();
        foreach (var (key, path) in catalog.WorkflowFiles.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            outcomes.Add(await ImportAsync(key, path, Actor, explicitly: false, cancellationToken));
        }
        return outcomes;
    }

    /// <summary>
    /// Imports one file. <paramref name="explicitly"/> is an officer's request: the file supersedes whatever version
    /// serves the key (unless it is that version already).
    /// </summary>
    public async Task<WorkflowImport> ImportAsync(string key, string path, string actor, bool explicitly, CancellationToken cancellationToken = default)
    {
        var xml = await File.ReadAllTextAsync(path, cancellationToken);
        var hash = DefinitionStore.Hash(xml);
        var file = $"workflows/{Path.GetFileName(path)}";
        for (var attempt = 1; ; attempt++)
        {
            var published = db.Definitions.AsNoTracking().Where(d => d.Key == key && d.Status == Runtime.Persistence.Entities.DefinitionStatus.Published)
                .OrderByDescending(d => d.Version).Select(d => new { d.Version, d.ContentHash, d.PublishedBy, d.Origin });
            var latest = await published.FirstOrDefaultAsync(cancellationToken);
            // Versions made before Origin was recorded are recognised by the importer's name.
            var lastImported = await published.Where(d => d.Origin != null || d.PublishedBy == Actor).FirstOrDefaultAsync(cancellationToken);
            if (latest is not null && (latest.ContentHash == hash || (!explicitly && lastImported?.ContentHash == hash)))
            {
                return new WorkflowImport(key, file, latest.Version, Created: false, Supersedes: null, NotImported: null);
            }
            if (latest is not null && !explicitly && latest.Version != lastImported?.Version)
            {
                return new WorkflowImport(key, file, latest.Version, Created: false, Supersedes: null,
                    $"{file} changed since it was last imported{(lastImported is null ? "" : $" (version {lastImported.Version})")}, but version "
                    + $"{latest.Version} was published by {latest.PublishedBy} since; the file was not imported. Import it explicitly to supersede version {latest.Version}.");
            }
            var origin = latest is null ? $"imported from {file}" : $"imported from {file}, superseding version {latest.Version}";
            try
            {
                var outcome = await definitions.PublishAsync(key, xml, actor, origin, cancellationToken);
                return new WorkflowImport(key, file, outcome.Version, outcome.Created, latest?.Version, NotImported: null);
            }
            catch (RuntimeException ex) when (ex.Kind == RuntimeErrorKind.Conflict && attempt < Attempts)
            {
                // Another node published this key at the same moment: decide again on what it wrote.
            }
            catch (RuntimeException ex) when (ex.Kind == RuntimeErrorKind.Invalid && !explicitly)
            {
                // At start-up a file this system cannot publish is reported, never a reason to stop the server.
                return new WorkflowImport(key, file, latest?.Version, Created: false, Supersedes: null, $"{file} was not imported: {ex.Message}");
            }
        }
    }
}
