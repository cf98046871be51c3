using Microsoft.AspNetCore.DataProtection;
using PublicWorkflow.OneStop;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Hangfire;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Server.Api;
using PublicWorkflow.Server.Security;
using Hangfire.Dashboard;
using PublicWorkflow.Server.Workflows;

namespace PublicWorkflow.Server.Hosting;

/// <summary>The one composition path of the host: every service is registered here, once.</summary>
public static class ServerComposition
{
    public const long MaxRequestBody = 2 * 1024 * 1024;

    public static IServiceCollection AddPublicWorkflowServer(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<ServerOptions>(configuration.GetSection(ServerOptions.Section));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemTitles.Translate);
        services.AddExceptionHandler<RuntimeErrorHandler>();
        // Malformed bodies and parameters surface as exceptions so the handler can name the field at fault.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Bodies above 2 MB (a BPMN file is far smaller) are refused with 413 before they are read.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBody);
        services.AddSingleton(provider => LoadCalendar(provider.GetRequiredService<IOptions<ServerOptions>>().Value, environment,
            provider.GetRequiredService<ILogger<WorkingCalendar>>()));
        services.AddSingleton(provider => LoadCatalog(provider.GetRequiredService<IOptions<ServerOptions>>().Value, environment,
            provider.GetRequiredService<ILogger<ProcedureCatalog>>()));
        services.AddOneStop(configuration, environment.ContentRootPath);
        services.AddSingleton(provider => LoadSurvey(provider.GetRequiredService<IOptions<ServerOptions>>().Value, environment));
        // After the runtime's start-up (the database is migrated), before requests: the catalog's workflows are published.
        services.AddSingleton<WorkflowImportReport>();
        services.AddHostedService<CatalogStartup>();
        // Its demo accounts are seeded by a hosted service: after the migrations above.
        var keys = configuration.GetSection(ServerOptions.Section)[nameof(ServerOptions.DataProtectionKeysFolder)];
        if (!string.IsNullOrWhiteSpace(keys))
        {
            // One key ring and one application name for every node, so a cookie made by one is read by all.
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(Path.Combine(environment.ContentRootPath, keys))))
                .SetApplicationName("publicworkflow");
        }
        services.AddStaffSecurity();
        services.AddCitizenSecurity(configuration);
        services.AddHostedService<IdentityStandInHost>();
        services.AddPublicWorkflowRateLimits();
        services.AddPublicWorkflowTelemetry(configuration);
        services.AddSingleton<WorkflowDirectory>();
        services.AddHealthChecks()
            .AddCheck<WorkflowDirectoryHealthCheck>("workflows")
            .AddCheck<CalendarHealthCheck>("calendar")
            .AddCheck<CatalogHealthCheck>("catalog")
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<DocumentsHealthCheck>("documents")
            .AddCheck<SigningHealthCheck>("signing");
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "PublicWorkflow API",
                Version = "v1",
                Description = "Quy trình thủ tục hành chính một cửa / One-stop administrative procedure workflows.",
            });
            options.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "POST /api/v1/auth/token, then send Authorization: Bearer <accessToken>",
            });
            options.AddSecurityRequirement(_ => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer")] = [] });
            options.OperationFilter<ApiDocumentation>();
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
        app.Use(RefuseOversizedBodies);
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseSwagger();
        app.UseSwaggerUI(options => options.DocumentTitle = "PublicWorkflow API");
        app.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new AdministratorsOnly()] });
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthReportWriter.Write });
        // The front page links the public pages, the staff sign-in and the API documentation.
        app.MapGet("/", () => Results.Redirect("/index.html")).ExcludeFromDescription();
        // The receipt's QR code opens /track?code=…&key=…: the query goes along to the page.
        app.MapGet("/track", (HttpRequest request) => Results.Redirect("/track.html" + request.QueryString)).ExcludeFromDescription();
        // The citizens' portal: /portal and /portal/ (where the identity provider's sign-in returns; routing takes both) open its page.
        app.MapGet("/portal", (HttpRequest request) => Results.Redirect("/portal/index.html" + request.QueryString)).ExcludeFromDescription();
        app.MapAuthApi();
        app.MapCatalogApi();
        app.MapCalendarApi();
        app.MapDossiersApi();
        app.MapFilesApi();
        app.MapTasksApi();
        app.MapSupervisionApi();
        app.MapPublicApi();
        app.MapCitizenApi();
        app.MapFeedbackApi();
        app.MapDefinitionsApi();
        app.MapWorkflowsApi();
        return app;
    }

    /// <summary>A declared body above the limit is refused at once (Kestrel enforces the limit on streamed bodies too).</summary>
    private static Task RefuseOversizedBodies(HttpContext http, Func<Task> next)
    {
        if (http.Request.ContentLength > MaxRequestBody)
        {
            throw new BadHttpRequestException($"the request body is larger than {MaxRequestBody / (1024 * 1024)} MB", StatusCodes.Status413PayloadTooLarge);
        }
        return next();
    }

    /// <summary>Loads the catalog; a bad entry is logged with its file, field and reason and left out, never half-loaded.</summary>
    private static ProcedureCatalog LoadCatalog(ServerOptions options, IHostEnvironment environment, ILogger logger)
    {
        var folder = RepositoryPaths.Find(options.CatalogDirectory, environment.ContentRootPath);
        var workflows = RepositoryPaths.Find(options.WorkflowsDirectory, environment.ContentRootPath);
        if (folder is null || workflows is null)
        {
            logger.LogWarning("Catalog folder {Catalog} or workflows folder {Workflows} not found; the catalog is empty", options.CatalogDirectory, options.WorkflowsDirectory);
            return ProcedureCatalog.Empty;
        }
        var catalog = ProcedureCatalog.Load(folder, workflows);
        foreach (var problem in catalog.Problems)
        {
            logger.LogError("Catalog entry not loaded: {Problem}", problem.ToString());
        }
        logger.LogInformation("Procedure catalog from {Folder}: {Procedures} procedures, {Agencies} agencies, {Branches} branches, {Problems} problems",
            folder, catalog.Procedures.Count, catalog.Structure.Agencies.Count, catalog.Structure.Branches.Count, catalog.Problems.Count);
        return catalog;
    }

    /// <summary>The satisfaction survey's questions, beside the catalog (none when the file is missing).</summary>
    private static OneStop.Feedback.SurveyForm LoadSurvey(ServerOptions options, IHostEnvironment environment) =>
        RepositoryPaths.Find(options.CatalogDirectory, environment.ContentRootPath) is { } folder
            ? OneStop.Feedback.SurveyForm.Load(Path.Combine(folder, "survey.json"))
            : OneStop.Feedback.SurveyForm.Empty;

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

/// <summary>The job dashboard is for administrators signed in with the staff cookie.</summary>
internal sealed class AdministratorsOnly : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(StaffRoles.Administrator);
}
