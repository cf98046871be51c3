using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PublicWorkflow.OneStop.Measures;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.Server.Hosting;

/// <summary>OpenTelemetry export (<c>PublicWorkflow:Telemetry</c>): off unless enabled.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "PublicWorkflow:Telemetry";

    public bool Enabled { get; set; }

    /// <summary>The OTLP collector, e.g. http://otel-collector:4318 (http/protobuf) or :4317 (grpc).</summary>
    public string OtlpEndpoint { get; set; } = "http://localhost:4318";

    /// <summary>http/protobuf or grpc.</summary>
    public string OtlpProtocol { get; set; } = "http/protobuf";

    public string ServiceName { get; set; } = "publicworkflow";

    /// <summary>How often the backlog gauges are sampled and metrics exported.</summary>
    public int IntervalSeconds { get; set; } = 30;
}

/// <summary>
/// Traces and metrics over OTLP when enabled: ASP.NET Core requests, EF Core statements, the runtime's commands
/// (<see cref="RuntimeTelemetry"/>), and the center's backlog (<see cref="OneStopTelemetry"/>: overdue dossiers and
/// feedback, queued jobs, pending messages, sampled by <see cref="TelemetrySampler"/>).
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddPublicWorkflowTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new TelemetryOptions();
        configuration.GetSection(TelemetryOptions.Section).Bind(options);
        if (!options.Enabled)
        {
            return services;
        }
        if (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint) || options.OtlpProtocol is not ("http/protobuf" or "grpc")
            || options.IntervalSeconds is < 1 or > 3600)
        {
            throw new InvalidOperationException($"{TelemetryOptions.Section}: an absolute OtlpEndpoint, OtlpProtocol http/protobuf or grpc, IntervalSeconds 1 to 3600");
        }
        var protocol = options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        // With http/protobuf the exporter posts to the endpoint as given, so each signal gets its own path.
        Uri Signal(string path) => protocol == OtlpExportProtocol.Grpc ? endpoint : new Uri(endpoint, path);
        services.AddSingleton(options);
        services.AddHostedService<TelemetrySampler>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(RuntimeTelemetry.Name)
                .AddOtlpExporter(o => { o.Endpoint = Signal("/v1/traces"); o.Protocol = protocol; }))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(RuntimeTelemetry.Name, OneStopTelemetry.Name)
                .AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = Signal("/v1/metrics");
                    exporter.Protocol = protocol;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.IntervalSeconds * 1000;
                }));
        return services;
    }
}

/// <summary>Samples the center's backlog for the gauges, so exporting metrics never waits on the database.</summary>
internal sealed class TelemetrySampler(IServiceScopeFactory scopes, TelemetryOptions options, ILogger<TelemetrySampler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.IntervalSeconds));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                OneStopTelemetry.Publish(await scope.ServiceProvider.GetRequiredService<OperationalCountsQuery>().CountAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database outage shows on /health; the gauges keep their last values meanwhile.
                log.LogWarning(ex, "Telemetry: the backlog could not be counted");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
