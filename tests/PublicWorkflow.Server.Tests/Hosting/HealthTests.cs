using System.Net;
using System.Text.Json;

namespace PublicWorkflow.Server.Tests.Hosting;

public sealed class HealthTests
{
    [Test]
    public async Task Health_reports_each_check()
    {
        await using var factory = new ServerFactory();
        var response = await factory.CreateClient().GetAsync("/health");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("status").GetString(), Is.AnyOf("Healthy", "Degraded"));
        Assert.That(body.RootElement.GetProperty("checks").GetProperty("workflows").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(body.RootElement.GetProperty("checks").TryGetProperty("calendar", out _), Is.True);
        Assert.That(body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Health_is_unhealthy_when_the_workflows_folder_is_missing()
    {
        await using var factory = new ServerFactory(new Dictionary<string, string?> { ["PublicWorkflow:WorkflowsDirectory"] = "/no/such/folder" });
        var response = await factory.CreateClient().GetAsync("/health");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("the workflows folder was not found"));
    }

    [Test]
    public async Task Swagger_documents_the_api()
    {
        await using var factory = new ServerFactory();
        var json = await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json");

        using var document = JsonDocument.Parse(json);
        var paths = document.RootElement.GetProperty("paths");
        Assert.That(paths.TryGetProperty("/api/v1/workflows", out _), Is.True);
        Assert.That(paths.TryGetProperty("/api/v1/workflows/{key}", out var one), Is.True);
        Assert.That(one.GetProperty("get").GetProperty("responses").TryGetProperty("404", out _), Is.True);
    }
}
