using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Hangfire;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Runtime;
using PublicWorkflow.Server.Workflows;

namespace PublicWorkflow.Server.Hosting;

/// <summary>The one composition path of the host: every service is registered here, once.</summary>
public static class ServerComposition
{
    public static IServiceCollection AddPublicWorkflowServer(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<ServerOptions>(configuration.GetSection(ServerOptions.Section));
        services.AddProblemDetails();
        services.AddSingleton(provider => LoadCalendar(provider.GetRequiredService<IOptions<ServerOptions>>().Value, environment,
            provider.GetRequiredService<ILogger<WorkingCalendar>>()));
        services.AddPublicWorkflowRuntime(configuration, environment.ContentRootPath);
        services.AddSingleton<WorkflowDirectory>();
        services.AddHealthChecks()
            .AddCheck<WorkflowDirectoryHealthCheck>("workflows")
            .AddCheck<CalendarHealthCheck>("calendar")
            .AddCheck<DatabaseHealthCheck>("database");
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "PublicWorkflow API",
                Version = "v1",
                Description = "Quy trình thủ tục hành chính một cửa / One-stop administrative procedure workflows.",
            });
            var docs = Path.Combine(AppContext.BaseDirectory, "PublicWorkflow.Server.xml");
            if (File.Exists(docs))
            {
                options.IncludeXmlComments(docs);
            }
        });
        return services;
    }

    public static WebApplication UsePublicWorkflowServer(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSwagger();
        app.UseSwaggerUI(options => options.DocumentTitle = "PublicWorkflow API");
        // Local requests only until staff sign-in arrives; then administrators only.
        app.UseHangfireDashboard("/hangfire");
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthReportWriter.Write });
        // The staff and public pages arrive with the UI; until then the API documentation is the front door.
        app.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription();
        return app;
    }

    private static WorkingCalendar LoadCalendar(ServerOptions options, IHostEnvironment environment, ILogger logger)
    {
        var file = RepositoryPaths.Find(options.CalendarFile, environment.ContentRootPath);
        if (file is null)
        {
            logger.LogWarning("Calendar file {File} not found; using the calendar built into the engine", options.CalendarFile);
            return WorkingCalendar.BuiltIn;
        }
        logger.LogInformation("Working-day calendar from {File}", file);
        return new WorkingCalendar(CalendarData.Parse(File.ReadAllText(file)));
    }
}
