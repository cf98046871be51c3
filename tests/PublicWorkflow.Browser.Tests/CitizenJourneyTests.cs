using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace PublicWorkflow.Browser.Tests;

/// <summary>The citizen's journey on a phone-sized screen: track a returned dossier by its code, rate it once, in both languages.</summary>
public sealed class CitizenJourneyTests
{
    [Test]
    public async Task A_citizen_tracks_a_returned_dossier_and_rates_it_once_on_a_phone()
    {
        await using var server = new LiveServer();
        var code = await ReturnedDossierAsync(server.BaseAddress);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.PageAsync(server.BaseAddress, 390, 844);

        await page.GotoAsync("/track");
        await page.FillAsync("#code", code);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Đã trả kết quả");
        await Assertions.Expect(page.Locator("#timeliness")).ToHaveTextAsync("Đúng hạn");
        await Assertions.Expect(page.Locator("#level")).ToHaveTextAsync("—");
        await Browser.ScreenshotAsync(page, "citizen-track-vi");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.That(text, Does.Not.Contain("Trần Văn Bí Mật").And.Not.Contain("001099000777"), "no personal data on the public page");

        await page.ClickAsync("label[for=r5]");
        await page.FillAsync("#comment", "Nhanh, tận tình");
        await page.ClickAsync("#rating button[type=submit]");
        await Assertions.Expect(page.Locator("#thanks")).ToBeVisibleAsync();

        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Returned");
        await Assertions.Expect(page.Locator("#rated")).ToHaveTextAsync("This dossier has been rated.");
        await Assertions.Expect(page.Locator("#rating")).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "citizen-track-en");

        await page.FillAsync("#code", "NOPE-000000-0000");
        await page.ClickAsync("#lookup button[type=submit]");
        await Assertions.Expect(page.Locator("#error")).ToHaveTextAsync("No dossier has this code.");
        Assert.That(browser.ConsoleErrors.Where(e => !e.Contains("404")), Is.Empty, "console errors");
    }

    /// <summary>A certificate of marital status received at branch 01 and stepped to its return through the API.</summary>
    private static async Task<string> ReturnedDossierAsync(Uri server)
    {
        using var http = new HttpClient { BaseAddress = server };
        var branch = await TokenAsync(http, "clerk.cn01", "clerk-demo-2026");
        var ward = await TokenAsync(http, "clerk.hoankiem", "clerk-demo-2026");
        var received = await SendAsync(http, branch, "/api/v1/dossiers", new
        {
            procedureCode = "1.004873",
            locality = "P.HOANKIEM",
            applicant = new { fullName = "Trần Văn Bí Mật", idNumber = "001099000777" },
            documents = new[] { new { id = "declaration" } },
        });
        var task = received.GetProperty("openedTasks")[0].GetString();
        foreach (var token in new[] { branch, ward, ward, ward, branch })
        {
            var done = await SendAsync(http, token, $"/api/v1/tasks/{task}/complete", new { outputs = new { decision = "approve" } });
            task = done.GetProperty("openedTasks").GetArrayLength() > 0 ? done.GetProperty("openedTasks")[0].GetString() : null;
        }
        return received.GetProperty("code").GetString()!;
    }

    private static async Task<string> TokenAsync(HttpClient http, string user, string password)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{path}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
