using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Runtime.Catalog;
using PublicWorkflow.Runtime.Persistence;

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
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var published = await db.Definitions.Select(d => new { d.Key, d.Version }).ToListAsync();
        Assert.That(loaded.Procedures, Has.Count.GreaterThanOrEqualTo(20));
        Assert.That(published.Select(p => p.Key), Is.EquivalentTo(loaded.WorkflowFiles.Keys));
        Assert.That(published.Select(p => p.Version), Is.All.EqualTo(1));
    }

    [Test]
    public async Task A_catalog_folder_that_is_missing_leaves_the_catalog_empty_and_the_server_unhealthy()
    {
        await using var factory = new ServerFactory(new Dictionary<string, string?> { ["PublicWorkflow:CatalogDirectory"] = "/no/such/catalog" });
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("no procedure loaded from the catalog"));
    }
}
