using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Server.Tests;

/// <summary>
/// The real host in memory, with optional settings laid over appsettings.json: on its own temporary SQLite database,
/// or on a <see cref="TestDatabase"/> the test made (SQLite or PostgreSQL) and disposes itself.
/// </summary>
internal sealed class ServerFactory(IReadOnlyDictionary<string, string?>? settings = null, TestDatabase? database = null) : WebApplicationFactory<Program>
{
    private readonly string databaseFile = Path.Combine(Path.GetTempPath(), $"pwf-server-test-{Guid.NewGuid():N}.db");
    private readonly string documentsFolder = Path.Combine(Path.GetTempPath(), $"pwf-server-test-documents-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (database is null)
        {
            builder.UseSetting("Database:ConnectionString", $"Data Source={databaseFile}");
        }
        else
        {
            builder.UseSetting("Database:Provider", database.Provider.ToString());
            builder.UseSetting("Database:ConnectionString", database.ConnectionString);
        }
        // Each server keeps its files apart; the development signing certificate is made once for all tests.
        builder.UseSetting("PublicWorkflow:Documents:Folder", documentsFolder);
        builder.UseSetting("PublicWorkflow:Results:DevelopmentCertificatePath", Path.Combine(Path.GetTempPath(), "pwf-test-signing.pfx"));
        // No identity stand-in unless a test asks for one (on a port of its own): servers run side by side.
        builder.UseSetting("PublicWorkflow:Citizens:Identity:Authority", "");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        PublicWorkflow.Runtime.Persistence.SqliteFiles.Delete(databaseFile);
        if (Directory.Exists(documentsFolder))
        {
            Directory.Delete(documentsFolder, recursive: true);
        }
    }
}
