using PublicWorkflow.OneStop.Persistence;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Tests.Support;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.Server.Tests.Api;
using System.Net;

namespace PublicWorkflow.Server.Tests.Hosting;

public sealed class CatalogStartupTests
{
    [Test]
    public async Task The_seeded_catalog_loads_on_start_up_and_its_workflows_are_published_once()
    {
        await using var factory = new ServerFactory();
        var health = await factory.CreateClient().GetStringAsync("/health");
        using var body = JsonDocument.Parse(health);
        var catalog = body.RootElement.GetProperty("checks").GetProperty("catalog");
        Assert.That(catalog.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(catalog.GetProperty("description").GetString(), Does.Match(@"^\d+ procedures"));

        await using var scope = factory.Services.CreateAsyncScope();
        var loaded = scope.ServiceProvider.GetRequiredService<ProcedureCatalog>();
        var db = scope.ServiceProvider.GetRequiredService<OneStopDbContext>();
        var published = await db.Definitions.Select(d => new { d.Key, d.Version }).ToListAsync();
        Assert.That(loaded.Procedures, Has.Count.GreaterThanOrEqualTo(20));
        Assert.That(published.Select(p => p.Key), Is.EquivalentTo(loaded.WorkflowFiles.Keys));
        Assert.That(published.Select(p => p.Version), Is.All.EqualTo(1));
    }

    [Test]
    public async Task A_restart_keeps_the_officers_published_version_and_health_reports_a_changed_file_it_did_not_import()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        var workflows = Directory.CreateTempSubdirectory("pwf-workflows-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Repo.Workflows, "*.bpmn"))
            {
                File.Copy(file, Path.Combine(workflows, Path.GetFileName(file)));
            }
            var settings = new Dictionary<string, string?> { ["PublicWorkflow:WorkflowsDirectory"] = workflows };
            var path = Path.Combine(workflows, "one-stop-standard.bpmn");
            await using (var first = new ServerFactory(settings, database))
            {
                var officer = await ApiClient.SignInAsync(first, "officer");
                var draft = File.ReadAllText(path).Replace("Số hóa hồ sơ / Digitize the dossier", "Số hóa / Digitize (officer)");
                using var content = new StringContent(draft, System.Text.Encoding.UTF8, "application/xml");
                Assert.That((await officer.Http.PutAsync("/api/v1/definitions/one-stop-standard/draft", content)).IsSuccessStatusCode);
                await officer.PostJsonAsync("/api/v1/definitions/one-stop-standard/draft/publish", null, HttpStatusCode.Created);
            }

            await using (var restarted = new ServerFactory(settings, database))
            {
                var officer = await ApiClient.SignInAsync(restarted, "officer");
                var latest = (await officer.GetJsonAsync("/api/v1/definitions/one-stop-standard/versions"))[0];
                Assert.That((latest.GetProperty("version").GetInt32(), latest.GetProperty("by").GetString()), Is.EqualTo((2, "officer")));
                Assert.That(await CatalogHealthAsync(restarted), Is.EqualTo("Healthy"));
            }

            File.WriteAllText(path, File.ReadAllText(path).Replace("Số hóa hồ sơ / Digitize the dossier", "Số hóa hồ sơ (tệp mới) / Digitize (new file)"));
            await using (var changed = new ServerFactory(settings, database))
            {
                var officer = await ApiClient.SignInAsync(changed, "officer");
                Assert.That((await officer.GetJsonAsync("/api/v1/definitions/one-stop-standard/versions"))[0].GetProperty("version").GetInt32(), Is.EqualTo(2));
                Assert.That(await CatalogHealthAsync(changed), Is.EqualTo("Degraded"));
                var health = await changed.CreateClient().GetStringAsync("/health");
                Assert.That(health, Does.Contain("one-stop-standard.bpmn changed since it was last imported"));

                var imported = await officer.PostJsonAsync("/api/v1/definitions/one-stop-standard/import", null);
                Assert.That((imported.GetProperty("version").GetInt32(), imported.GetProperty("supersedes").GetInt32()), Is.EqualTo((3, 2)));
                var v3 = (await officer.GetJsonAsync("/api/v1/definitions/one-stop-standard/versions"))[0];
                Assert.That(v3.GetProperty("origin").GetString(), Is.EqualTo("imported from workflows/one-stop-standard.bpmn, superseding version 2"));
                Assert.That(await CatalogHealthAsync(changed), Is.EqualTo("Healthy"), "the file left out is in again");
            }
        }
        finally
        {
            Directory.Delete(workflows, recursive: true);
        }
    }

    [Test]
    public async Task Two_nodes_starting_together_on_an_empty_PostgreSQL_both_come_up_and_publish_each_workflow_once()
    {
        await using var database = await TestDatabase.CreateAsync("postgres");
        await using var one = new ServerFactory(database: database);
        await using var two = new ServerFactory(database: database);
        var clients = await Task.WhenAll(Task.Run(one.CreateClient), Task.Run(two.CreateClient));
        foreach (var client in clients)
        {
            Assert.That((await client.GetAsync("/health")).IsSuccessStatusCode, Is.True);
        }
        await using var scope = one.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneStopDbContext>();
        var versions = await db.Definitions.GroupBy(d => d.Key).Select(g => g.Count()).ToListAsync();
        Assert.That(versions, Is.Not.Empty.And.All.EqualTo(1));
        Assert.That(await db.StaffUsers.CountAsync(), Is.EqualTo(PublicWorkflow.Server.Security.DemoUsers.Accounts.Length));
    }

    private static async Task<string?> CatalogHealthAsync(ServerFactory factory)
    {
        using var body = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/health"));
        return body.RootElement.GetProperty("checks").GetProperty("catalog").GetProperty("status").GetString();
    }

    [Test]
    public async Task A_catalog_folder_that_is_missing_leaves_the_catalog_empty_and_the_server_unhealthy()
    {
        await using var factory = new ServerFactory(new Dictionary<string, string?> { ["PublicWorkflow:CatalogDirectory"] = "/no/such/catalog" });
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("no procedure loaded from the catalog"));
    }
}
