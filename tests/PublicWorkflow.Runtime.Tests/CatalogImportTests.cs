using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.Runtime.Catalog;
using PublicWorkflow.Runtime.Definitions;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Runtime.Tests;

[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class CatalogImportTests(string provider) : RuntimeSuite(provider)
{
    [Test]
    public async Task Importing_the_catalog_publishes_a_new_version_only_when_the_BPMN_changed()
    {
        var first = await ImportAsync(RuntimeHost.Catalog);
        Assert.That(first, Has.All.Matches<PublishOutcome>(o => o.Created && o.Version == 1));
        Assert.That(first.Select(o => o.Key), Is.EquivalentTo(RuntimeHost.Catalog.WorkflowFiles.Keys));

        var again = await ImportAsync(RuntimeHost.Catalog);
        Assert.That(again, Has.None.Matches<PublishOutcome>(o => o.Created), "unchanged files publish nothing");

        var workflows = Path.Combine(Path.GetTempPath(), "pwf-workflows-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workflows);
        try
        {
            foreach (var file in Directory.GetFiles(Repo.Workflows, "*.bpmn"))
            {
                File.Copy(file, Path.Combine(workflows, Path.GetFileName(file)));
            }
            var edited = Path.Combine(workflows, "one-stop-standard.bpmn");
            File.WriteAllText(edited, File.ReadAllText(edited).Replace("Số hóa hồ sơ / Digitize the dossier", "Số hóa hồ sơ / Digitize"));
            var changed = await ImportAsync(ProcedureCatalog.Load(Path.Combine(Repo.Root, "procedure-catalog"), workflows));
            Assert.That(changed.Where(o => o.Created).Select(o => (o.Key, o.Version)), Is.EqualTo(new[] { ("one-stop-standard", 2) }));
        }
        finally
        {
            Directory.Delete(workflows, recursive: true);
        }
        Assert.That(await Host.DbAsync(db => db.Definitions.CountAsync()), Is.EqualTo(RuntimeHost.Catalog.WorkflowFiles.Count + 1));
    }

    private Task<IReadOnlyList<PublishOutcome>> ImportAsync(ProcedureCatalog catalog) =>
        Host.InScopeAsync(p => p.GetRequiredService<CatalogImport>().PublishWorkflowsAsync(catalog));
}
