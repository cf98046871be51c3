using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.Server.Tests.Api;

namespace PublicWorkflow.Server.Tests.Hosting;

/// <summary>
/// PostgreSQL stops under a running server: every request that needs the database is answered 503 with Retry-After (not
/// 500), and the server serves again by itself once the database is back. A second throwaway cluster is used, so the
/// other suites' database keeps running.
/// </summary>
[NonParallelizable]
public sealed class DatabaseOutageTests
{
    private static readonly Dictionary<string, string> Cluster = new()
    {
        ["PWF_PG_DIR"] = Path.Combine(Path.GetTempPath(), "pwf-outage-postgres"),
        ["PWF_PG_PORT"] = "55433",
    };

    private static string Postgres(string command)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repo.Root, "tools", "test-postgres.sh"), command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in Cluster)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"test-postgres.sh {command}: {error}");
        return output.Trim();
    }

    [Test]
    public async Task While_PostgreSQL_is_stopped_requests_get_503_with_Retry_After_and_the_server_recovers_by_itself()
    {
        var connection = Postgres("start");
        try
        {
            await using var factory = new ServerFactory(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = connection,
            });
            var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
            var anonymous = await ApiClient.SignInAsync(factory, null);
            var received = await clerk.PostJsonAsync("/api/v1/dossiers", Reception, HttpStatusCode.Created);

            Postgres("halt");
            var requests = new (ApiClient Client, HttpMethod Method, string Path, object? Body)[]
            {
                (clerk, HttpMethod.Get, "/api/v1/dossiers", null),
                (clerk, HttpMethod.Get, $"/api/v1/dossiers/{received.GetProperty("dossierId").GetString()}", null),
                (clerk, HttpMethod.Get, "/api/v1/tasks/inbox", null),
                (clerk, HttpMethod.Post, "/api/v1/dossiers", Reception),
                (clerk, HttpMethod.Post, $"/api/v1/tasks/{received.GetProperty("openedTasks")[0].GetString()}/claim", new { }),
                (anonymous, HttpMethod.Post, "/api/v1/auth/token", new { userName = "clerk.cn01", password = "clerk-demo-2026" }),
                (anonymous, HttpMethod.Get, $"/api/v1/public/dossiers/{received.GetProperty("code").GetString()}?key={received.GetProperty("lookupKey").GetString()}", null),
            };
            foreach (var (client, method, path, body) in requests)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                using var response = await client.Http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), $"{method} {path}: {text}");
                Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)), $"{method} {path}");
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), $"{method} {path}");
                Assert.That(text, Does.Contain("database-unavailable"));
            }
            // The catalog is in memory: it needs no database and keeps answering.
            Assert.That((await anonymous.Http.GetAsync("/api/v1/procedures")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

            Postgres("resume");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            HttpStatusCode status;
            do
            {
                status = (await clerk.Http.GetAsync("/api/v1/dossiers")).StatusCode;
                if (status != HttpStatusCode.OK)
                {
                    await Task.Delay(250);
                }
            }
            while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "the server serves again once the database is back");
            await clerk.PostJsonAsync("/api/v1/dossiers", Reception, HttpStatusCode.Created);
        }
        finally
        {
            Postgres("stop");
        }
    }

    private static readonly object Reception = new
    {
        procedureCode = "1.004873",
        channel = "counter",
        locality = "P.HOANKIEM",
        delivery = "branch",
        applicant = new { fullName = "Nguyễn Văn An" },
        documents = new[] { new { id = "declaration" } },
    };
}
