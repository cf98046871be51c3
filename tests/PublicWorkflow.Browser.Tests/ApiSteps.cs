using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Browser.Tests;

/// <summary>Arranges what a journey starts from through the API, as the demo accounts.</summary>
internal sealed class ApiSteps(Uri server)
{
    private readonly HttpClient http = new() { BaseAddress = server };
    private readonly Dictionary<string, string> tokens = [];

    /// <summary>A certificate of marital status for a Hoàn Kiếm resident, received at branch 01.</summary>
    public async Task<(string Code, string FirstTask)> ReceiveAsync(string clerk, string applicant = "Trần Văn Bí Mật", string idNumber = "001099000777")
    {
        var received = await SendAsync(clerk, HttpMethod.Post, "/api/v1/dossiers", new
        {
            procedureCode = "1.004873",
            locality = "P.HOANKIEM",
            applicant = new { fullName = applicant, idNumber },
            documents = new[] { new { id = "declaration" } },
        });
        return (received.GetProperty("code").GetString()!, received.GetProperty("openedTasks")[0].GetString()!);
    }

    /// <summary>Completes the dossier's open step in the user's inbox, approving where there is a decision.</summary>
    public async Task CompleteNextAsync(string user, string code)
    {
        var task = (await InboxAsync(user)).First(t => t.GetProperty("dossierCode").GetString() == code);
        await SendAsync(user, HttpMethod.Post, $"/api/v1/tasks/{task.GetProperty("id").GetString()}/complete", new { outputs = new { decision = "approve" } });
    }

    /// <summary>Completes the dossier's open step in the user's inbox with the outputs given.</summary>
    public async Task CompleteNextAsync(string user, string code, object outputs)
    {
        var task = (await InboxAsync(user)).First(t => t.GetProperty("dossierCode").GetString() == code);
        await SendAsync(user, HttpMethod.Post, $"/api/v1/tasks/{task.GetProperty("id").GetString()}/complete", new { outputs });
    }

    /// <summary>The applicant brings the documents a supplement request asked for.</summary>
    public async Task DeliverSupplementAsync(string clerk, string code, params string[] documents)
    {
        var dossier = await SendAsync(clerk, HttpMethod.Get, $"/api/v1/dossiers/by-code/{code}", null);
        await SendAsync(clerk, HttpMethod.Post, $"/api/v1/dossiers/{dossier.GetProperty("id").GetString()}/supplement",
            new { documents = documents.Select(id => new { id }) });
    }

    /// <summary>A dossier stepped through the branch, the ward and back to its return.</summary>
    /// <summary>A dossier taken through to its return; its code and the lookup key printed on its receipt.</summary>
    public async Task<(string Code, string Key)> ReturnedDossierAsync()
    {
        var (code, _) = await ReceiveAsync("clerk.cn01");
        foreach (var user in new[] { "clerk.cn01", "clerk.hoankiem", "clerk.hoankiem", "clerk.hoankiem", "clerk.cn01" })
        {
            await CompleteNextAsync(user, code);
        }
        return (code, (await SendAsync("clerk.cn01", HttpMethod.Get, $"/api/v1/dossiers/by-code/{code}", null)).GetProperty("lookupKey").GetString()!);
    }

    public async Task<string?> AssigneeAsync(string user, string code, string element) =>
        (await InboxAsync(user)).First(t => t.GetProperty("dossierCode").GetString() == code && t.GetProperty("elementId").GetString() == element)
            .GetProperty("assignee").GetString();

    private async Task<List<JsonElement>> InboxAsync(string user) =>
        (await SendAsync(user, HttpMethod.Get, "/api/v1/tasks/inbox", null)).EnumerateArray().ToList();

    private async Task<JsonElement> SendAsync(string user, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{method} {path}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<string> TokenAsync(string user)
    {
        if (!tokens.TryGetValue(user, out var token))
        {
            var password = DemoUsers.Accounts.Single(a => a.User == user).Password;
            var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password });
            response.EnsureSuccessStatusCode();
            tokens[user] = token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }
        return token;
    }
}
