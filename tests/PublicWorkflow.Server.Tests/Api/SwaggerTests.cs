using System.Text.Json;

namespace PublicWorkflow.Server.Tests.Api;

public sealed class SwaggerTests
{
    [Test]
    public async Task Every_API_operation_has_a_summary_and_its_error_responses_and_the_main_commands_have_examples()
    {
        await using var factory = new ServerFactory();
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));
        var missing = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (!operation.Value.TryGetProperty("summary", out var summary) || summary.GetString()!.Length < 10)
                {
                    missing.Add($"{name}: summary");
                }
                var responses = operation.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
                // A sign-in through an identity provider succeeds by redirecting the browser there.
                if (!responses.Any(r => r.StartsWith('2') || r == "302"))
                {
                    missing.Add($"{name}: success response");
                }
                if (path.Name.Contains('{') && !responses.Contains("404"))
                {
                    missing.Add($"{name}: 404");
                }
                if (operation.Name is "post" or "put" && !responses.Contains("400"))
                {
                    missing.Add($"{name}: 400");
                }
            }
        }
        Assert.That(missing, Is.Empty);
        var receive = document.RootElement.GetProperty("paths").GetProperty("/api/v1/dossiers").GetProperty("post");
        Assert.That(receive.GetProperty("responses").TryGetProperty("401", out _), Is.True);
        var example = receive.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.That(example.GetProperty("procedureCode").GetString(), Is.EqualTo("1.004873"));
    }
}
