using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>An HTTP client signed in as one of the demo accounts (or anonymous), with JSON helpers.</summary>
internal sealed class ApiClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static async Task<ApiClient> SignInAsync(ServerFactory factory, string? userName)
    {
        var client = new ApiClient(factory.CreateClient());
        if (userName is null)
        {
            return client;
        }
        var account = DemoUsers.Accounts.Single(a => a.User == userName);
        var response = await client.Http.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = account.Password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"sign-in as {userName}");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The demo account of each role: the authorization matrix signs in as these.</summary>
    public static readonly IReadOnlyDictionary<string, string> AccountOfRole = new Dictionary<string, string>
    {
        [StaffRoles.ReformOfficer] = "officer",
        [StaffRoles.Clerk] = "clerk.hoankiem",
        [StaffRoles.TeamLead] = "lead.hoankiem",
        [StaffRoles.Supervisor] = "supervisor",
        [StaffRoles.Administrator] = "admin",
        [StaffRoles.SupportAgent] = "support",
    };

    public async Task<JsonElement> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Http.GetAsync(path);
        return await ReadAsync(response, expected, $"GET {path}");
    }

    public async Task<JsonElement> PostJsonAsync(string path, object? body, HttpStatusCode expected = HttpStatusCode.OK, string? idempotencyKey = null,
        string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await ReadAsync(await Http.SendAsync(request), expected, $"POST {path}");
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{what}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
