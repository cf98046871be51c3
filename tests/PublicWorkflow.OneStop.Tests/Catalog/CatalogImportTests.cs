using PublicWorkflow.Runtime.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime.Definitions;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.OneStop.Tests.Catalog;

[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class CatalogImportTests(string provider) : RuntimeSuite(provider)
{
    private const string Key = "one-stop-standard";
    private string workflows = "";

    [SetUp]
    public void CopyWorkflows()
    {
        workflows = Directory.CreateTempSubdirectory("pwf-workflows-").FullName;
        foreach (var file in Directory.GetFiles(Repo.Workflows, "*.bpmn"))
        {
            File.Copy(file, Path.Combine(workflows, Path.GetFileName(file)));
        }
    }

    [TearDown]
    public void RemoveWorkflows() => Directory.Delete(workflows, recursive: true);

    private ProcedureCatalog Catalog() => ProcedureCatalog.Load(Path.Combine(Repo.Root, "procedure-catalog"), workflows);

    private string File_ => Path.Combine(workflows, Key + ".bpmn");

    private void EditFile(string from, string to) => File.WriteAllText(File_, File.ReadAllText(File_).Replace(from, to));

    [Test]
    public async Task Importing_the_catalog_publishes_a_new_version_only_when_the_BPMN_changed_and_says_what_it_superseded()
    {
        var first = await ImportAsync();
        Assert.That(first, Has.All.Matches<WorkflowImport>(o => o.Created && o.Version == 1 && o.NotImported == null));
        Assert.That(first.Select(o => o.Key), Is.EquivalentTo(RuntimeHost.Catalog.WorkflowFiles.Keys));

        var again = await ImportAsync();
        Assert.That(again, Has.None.Matches<WorkflowImport>(o => o.Created), "unchanged files publish nothing");

        EditFile("Số hóa hồ sơ / Digitize the dossier", "Số hóa hồ sơ / Digitize");
        var changed = await ImportAsync();
        Assert.That(changed.Where(o => o.Created).Select(o => (o.Key, o.Version, o.Supersedes)), Is.EqualTo(new[] { (Key, (int?)2, (int?)1) }));
        var v2 = await Host.DbAsync(db => db.Definitions.SingleAsync(d => d.Key == Key && d.Version == 2));
        Assert.That((v2.PublishedBy, v2.Origin), Is.EqualTo((CatalogImport.Actor, $"imported from workflows/{Key}.bpmn, superseding version 1")));
        Assert.That(await Host.DbAsync(db => db.Definitions.CountAsync()), Is.EqualTo(RuntimeHost.Catalog.WorkflowFiles.Count + 1));
    }

    [Test]
    public async Task A_restart_never_supersedes_an_officers_version_and_reports_the_changed_file_instead()
    {
        await ImportAsync();
        var officers = File.ReadAllText(File_).Replace("Số hóa hồ sơ / Digitize the dossier", "Số hóa / Digitize (officer)");
        var published = await Host.PublishAsync(Key, officers);
        Assert.That(published.Version, Is.EqualTo(2));

        var restart = (await ImportAsync()).Single(o => o.Key == Key);
        Assert.That((restart.Created, restart.Version, restart.NotImported), Is.EqualTo((false, (int?)2, (string?)null)), "the file did not change: nothing to report");

        EditFile("Số hóa hồ sơ / Digitize the dossier", "Số hóa hồ sơ (tệp mới) / Digitize (new file)");
        var conflict = (await ImportAsync()).Single(o => o.Key == Key);
        Assert.That((conflict.Created, conflict.Version), Is.EqualTo((false, (int?)2)));
        Assert.That(conflict.NotImported, Does.Contain("version 2 was published by officer").And.Contain($"workflows/{Key}.bpmn changed"));
        Assert.That(await LatestAsync(), Is.EqualTo((2, "officer")));

        var explicitly = await Host.InScopeAsync(p => p.GetRequiredService<CatalogImport>().ImportAsync(Key, File_, "officer", explicitly: true));
        Assert.That((explicitly.Created, explicitly.Version, explicitly.Supersedes), Is.EqualTo((true, (int?)3, (int?)2)));
        var v3 = await Host.DbAsync(db => db.Definitions.SingleAsync(d => d.Key == Key && d.Version == 3));
        Assert.That(v3.Origin, Is.EqualTo($"imported from workflows/{Key}.bpmn, superseding version 2"));

        var afterExplicit = (await ImportAsync()).Single(o => o.Key == Key);
        Assert.That((afterExplicit.Created, afterExplicit.NotImported), Is.EqualTo((false, (string?)null)), "the file is what serves the key now");
    }

    [Test]
    public async Task A_file_this_system_cannot_publish_is_reported_and_the_other_files_are_imported()
    {
        EditFile("pwf:stage=\"appraise\" pwf:candidateRole=\"specialist\"", "pwf:stage=\"appraise\" pwf:assignee=\"chairman\"");
        var outcomes = await ImportAsync();
        var refused = outcomes.Single(o => o.Key == Key);
        Assert.That((refused.Created, refused.Version), Is.EqualTo((false, (int?)null)));
        Assert.That(refused.NotImported, Does.Contain("chairman"));
        Assert.That(outcomes.Where(o => o.Key != Key), Has.All.Matches<WorkflowImport>(o => o.Created));
    }

    [Test]
    public async Task Two_imports_at_once_publish_each_file_once_and_neither_fails()
    {
        var catalog = Catalog();
        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            Host.InScopeAsync(p => p.GetRequiredService<CatalogImport>().PublishWorkflowsAsync(catalog)))));
        Assert.That(both.SelectMany(b => b).Where(o => o.Created).Select(o => o.Key), Is.EquivalentTo(catalog.WorkflowFiles.Keys));
        Assert.That(await Host.DbAsync(db => db.Definitions.CountAsync()), Is.EqualTo(catalog.WorkflowFiles.Count));
    }

    private Task<(int, string?)> LatestAsync() => Host.DbAsync(async db =>
    {
        var latest = await db.Definitions.Where(d => d.Key == Key).OrderByDescending(d => d.Version).FirstAsync();
        return (latest.Version, latest.PublishedBy);
    });

    private Task<IReadOnlyList<WorkflowImport>> ImportAsync() =>
        Host.InScopeAsync(p => p.GetRequiredService<CatalogImport>().PublishWorkflowsAsync(Catalog()));
}
