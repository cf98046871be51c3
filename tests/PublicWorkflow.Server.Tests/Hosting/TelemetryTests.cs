using System.Net;
using System.Text;
using PublicWorkflow.Server.Tests.Api;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PublicWorkflow.Server.Tests.Hosting;

/// <summary>
/// OpenTelemetry over OTLP (issue 17 §2), off by default: enabled, the server sends traces (requests, EF statements,
/// the runtime's commands) and metrics (command counts, the backlog gauges) to the collector — here a local HTTP fake
/// taking OTLP/HTTP protobuf.
/// </summary>
public sealed class TelemetryTests
{
    [Test]
    public async Task Enabled_the_server_exports_request_and_command_spans_and_the_backlog_gauges_over_otlp()
    {
        using var collector = WireMockServer.Start();
        collector.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        await using var factory = new ServerFactory(new Dictionary<string, string?>
        {
            ["PublicWorkflow:Telemetry:Enabled"] = "true",
            ["PublicWorkflow:Telemetry:OtlpEndpoint"] = collector.Url,
            ["PublicWorkflow:Telemetry:IntervalSeconds"] = "1",
        });
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        await clerk.PostJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = "1.004873", channel = "counter", locality = "P.HOANKIEM", applicant = new { fullName = "Đo Lường" },
            documents = new[] { new { id = "declaration" } },
        }, HttpStatusCode.Created);

        var traces = await ReceivedAsync(collector, "/v1/traces", "case StartCase");
        Assert.That(traces, Does.Contain("POST"), "the HTTP request's span is there too");
        var metrics = await ReceivedAsync(collector, "/v1/metrics", "pwf.dossiers.overdue");
        Assert.That(metrics, Does.Contain("pwf.commands").And.Contain("pwf.jobs.queued"));
    }

    /// <summary>The bodies posted to the path so far, as text (protobuf keeps names as UTF-8), once one holds <paramref name="needle"/>.</summary>
    private static async Task<string> ReceivedAsync(WireMockServer collector, string path, string needle)
    {
        for (var i = 0; i < 100; i++)
        {
            var bodies = string.Join("\n", collector.LogEntries.Where(e => e.RequestMessage.Path == path)
                .Select(e => Encoding.UTF8.GetString(e.RequestMessage.BodyAsBytes ?? [])));
            if (bodies.Contains(needle, StringComparison.Ordinal))
            {
                return bodies;
            }
            await Task.Delay(200);
        }
        throw new AssertionException($"nothing holding '{needle}' was posted to {path}; paths seen: {string.Join(", ", collector.LogEntries.Select(e => e.RequestMessage.Path).Distinct())}");
    }
}
