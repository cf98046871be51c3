using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Definitions;
using PublicWorkflow.Runtime.Handlers;

namespace PublicWorkflow.Runtime.Tests.Support;

/// <summary>
/// The real runtime (EF Core, Hangfire server, start-up recovery) in a generic host, on a test database,
/// with fast polling and short handler retries so tests run in seconds.
/// </summary>
public sealed partial class RuntimeHost : IAsyncDisposable
{
    private readonly IHost host;

    private RuntimeHost(IHost host) => this.host = host;

    /// <summary>What the test assembly runs on top of: the runtime alone, or the one-stop domain (Support/HostComposition.cs of each).</summary>
    static partial void Compose(HostApplicationBuilder builder);

    /// <param name="clock">A clock the test moves (dossier scenarios on given dates); the system clock otherwise.</param>
    /// <param name="services">Extra registrations of a suite, e.g. a hook that holds a command half-way.</param>
    public static async Task<RuntimeHost> StartAsync(TestDatabase database, bool processJobs = true, TimeProvider? clock = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        // EF reports the missing migrations-history table of a brand-new database as a failed command: expected here.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Update", LogLevel.None);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Runtime:HandlerRetryDelays:0"] = "00:00:00.2",
            ["Runtime:HandlerRetryDelays:1"] = "00:00:00.2",
            ["Runtime:SweepCron"] = "*/1 * * * * *",
            ["Runtime:SchedulePollingInterval"] = "00:00:00.5",
            ["Runtime:WorkerCount"] = "4",
            ["Runtime:ProcessJobs"] = processJobs ? "true" : "false",
        });
        builder.Services.AddSingleton(WorkingCalendar.BuiltIn);
        Compose(builder);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }
        builder.Services.AddScoped<IServiceHandler, SwitchableHandler>();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new RuntimeHost(host);
    }

    /// <summary>Runs work in its own scope (its own DbContext), as one request or one job would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task InScopeAsync(Func<IServiceProvider, Task> work) => InScopeAsync(async provider =>
    {
        await work(provider);
        return 0;
    });

    public Task<T> RuntimeAsync<T>(Func<CaseRuntime, Task<T>> work) => InScopeAsync(p => work(p.GetRequiredService<CaseRuntime>()));

    public Task<T> DbAsync<T>(Func<TestDb, Task<T>> query) => InScopeAsync(p => query(p.GetRequiredService<TestDb>()));

    public Task<PublishOutcome> PublishAsync(string key, string xml) =>
        InScopeAsync(p => p.GetRequiredService<DefinitionStore>().PublishAsync(key, xml, "officer"));

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after the timeout.</summary>
    public async Task WaitForAsync(Func<TestDb, Task<bool>> condition, string what, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await DbAsync(condition))
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"timed out after {seconds} s waiting until {what}");
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
