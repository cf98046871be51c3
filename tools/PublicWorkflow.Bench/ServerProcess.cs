using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace PublicWorkflow.Bench;

/// <summary>
/// The server built beside this tool (the bench project references it so it is always built), run as its own process
/// on a PostgreSQL database: what the http and faults scenarios drive over loopback.
/// </summary>
internal static class ServerProcess
{
    /// <summary>Starts a node on <paramref name="port"/>; <paramref name="settings"/> add to or override the bench's settings.</summary>
    public static Process Start(string connection, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var project = Path.Combine(RepositoryRoot(), "src", "PublicWorkflow.Server");
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "PublicWorkflow.Server.dll");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                // Urls, not ASPNETCORE_URLS: appsettings.json sets Urls, and a plain environment variable overrides it.
                ["Urls"] = $"http://127.0.0.1:{port}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Database__Provider"] = "Postgres",
                ["Database__ConnectionString"] = connection,
                ["PublicWorkflow__SeedDemoUsers"] = "true",
                // Every simulated person shares one loopback address: the per-client limit would measure the limiter, not the server.
                ["PublicWorkflow__PublicRequestsPerMinute"] = "100000000",
                ["Logging__LogLevel__Default"] = "Warning",
                // Staff sign in here, citizens not: no identity stand-in, whose fixed port two nodes would both claim.
                ["PublicWorkflow__Citizens__Identity__StandIn"] = "false",
                ["PublicWorkflow__Citizens__Identity__Authority"] = "",
            },
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"server :{port}: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitForHealthAsync(HttpClient http, Process server, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline && !server.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health")).StatusCode is HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException($"the server on {http.BaseAddress} did not become healthy in time");
    }

    public static async Task<string> TokenAsync(HttpClient http, string user, string password)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PublicWorkflow.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("PublicWorkflow.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A database made on the given server for one run, dropped (connections and all) when disposed.</summary>
    public static async Task<TemporaryDatabase> CreateDatabaseAsync(string serverConnection, string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await ExecuteAsync(serverConnection, $"CREATE DATABASE {name}");
        return new TemporaryDatabase(serverConnection, new NpgsqlConnectionStringBuilder(serverConnection) { Database = name }.ToString(), name);
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

internal sealed class TemporaryDatabase(string serverConnection, string connection, string name) : IAsyncDisposable
{
    public string Connection => connection;

    public string Name => name;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ServerProcess.ExecuteAsync(serverConnection, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }
}
