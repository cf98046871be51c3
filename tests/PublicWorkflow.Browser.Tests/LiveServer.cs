using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace PublicWorkflow.Browser.Tests;

/// <summary>The real server on a real loopback port (a browser cannot reach the in-memory test server), on its own SQLite file.</summary>
public sealed class LiveServer : WebApplicationFactory<Program>
{
    private readonly string databaseFile = Path.Combine(Path.GetTempPath(), $"pwf-browser-{Guid.NewGuid():N}.db");
    private readonly string documentsFolder = Path.Combine(Path.GetTempPath(), $"pwf-browser-documents-{Guid.NewGuid():N}");
    private readonly TimeProvider? clock;
    private readonly IReadOnlyDictionary<string, string?> settings;

    /// <param name="clock">A clock the test moves (to make a step overdue); the system clock otherwise.</param>
    /// <param name="settings">Settings laid over appsettings.json (an SMTP server of the test's…).</param>
    public LiveServer(TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        this.clock = clock;
        this.settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseAddress { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:ConnectionString", $"Data Source={databaseFile}");
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("PublicWorkflow:Documents:Folder", documentsFolder);
        builder.UseSetting("PublicWorkflow:Results:DevelopmentCertificatePath", Path.Combine(Path.GetTempPath(), "pwf-test-signing.pfx"));
        builder.UseSetting("PublicWorkflow:Citizens:Identity:Authority", "");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
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
