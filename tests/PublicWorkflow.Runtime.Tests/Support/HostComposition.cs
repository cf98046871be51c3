global using TestDb = PublicWorkflow.Runtime.Persistence.WorkflowDbContext;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PublicWorkflow.Runtime.Tests.Support;

/// <summary>The runtime's own tests run the runtime alone, on its own tables.</summary>
public sealed partial class RuntimeHost
{
    static partial void Compose(HostApplicationBuilder builder)
    {
        builder.Configuration["Database:MigrateOnStartup"] = "false";
        // Hosted services start in order: the tables exist before the runtime's start-up reads them.
        builder.Services.AddHostedService<RuntimeSchema>();
        builder.Services.AddPublicWorkflowRuntime<SqliteRuntimeDbContext, PostgresRuntimeDbContext, PostgresRuntimeDbContext>(builder.Configuration, Path.GetTempPath());
    }
}
