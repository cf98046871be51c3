using PublicWorkflow.Server.Hosting;
using PublicWorkflow.Server.Workflows;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPublicWorkflowServer(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UsePublicWorkflowServer();
app.MapWorkflowsApi();
app.Run();

/// <summary>The host's entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
