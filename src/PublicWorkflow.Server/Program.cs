using PublicWorkflow.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPublicWorkflowServer(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UsePublicWorkflowServer();
app.Run();

/// <summary>The host's entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
