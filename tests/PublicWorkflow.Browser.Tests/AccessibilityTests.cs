using System.Text.Json;
using Microsoft.Playwright;

namespace PublicWorkflow.Browser.Tests;

/// <summary>
/// WCAG 2.1 A/AA on every page (issue 15 §4): axe-core (MPL-2.0, vendored in Axe/) is injected into each public and
/// staff page once it has loaded its data, and any violation fails the test with the rule and the elements.
/// </summary>
public sealed class AccessibilityTests
{
    private static readonly string Axe = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Axe", "axe.min.js"));

    [Test]
    public async Task Every_public_and_staff_page_passes_an_axe_core_WCAG_2_1_AA_audit()
    {
        await using var server = new LiveServer();
        var (code, key) = await new ApiSteps(server.BaseAddress).ReturnedDossierAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.PageAsync(server.BaseAddress);
        var violations = new List<string>();

        foreach (var (path, ready) in new[]
                 {
                     ("/", "main"), ($"/track.html?code={code}&key={key}", "#status:not(:empty)"), ("/catalog.html", "#procedures tbody tr"),
                     ("/points.html", "#points li"), ("/statistics.html", "#definitions dt"), ("/verify.html", "main"), ("/staff/login.html", "form"),
                     ("/portal/index.html", "#sign-up button"),
                 })
        {
            await page.GotoAsync(path);
            await page.Locator(ready).First.WaitForAsync();
            violations.AddRange(await AuditAsync(page, path));
        }
        foreach (var (user, path, ready) in new[]
                 {
                     ("clerk.cn01", "/staff/clerk.html", "#documents input"), ("officer", "/staff/officer.html", ".djs-container"),
                     ("supervisor", "/staff/supervisor.html", "#measures tbody tr"), ("supervisor", "/staff/password.html", "form"),
                 })
        {
            // Signed in through the API into the page's cookie jar: the sign-in page itself is audited above and driven by the journeys.
            await page.Context.ClearCookiesAsync();
            var password = PublicWorkflow.Server.Security.DemoUsers.Accounts.Single(a => a.User == user).Password;
            var signIn = await page.Context.APIRequest.PostAsync("/api/v1/auth/login", new APIRequestContextOptions { DataObject = new { userName = user, password } });
            Assert.That(signIn.Ok, Is.True, $"sign-in as {user}: {signIn.Status}");
            await page.GotoAsync(path);
            await page.Locator(ready).First.WaitForAsync();
            violations.AddRange(await AuditAsync(page, path));
        }
        Assert.That(violations, Is.Empty);
    }

    internal static async Task<IEnumerable<string>> AuditAsync(IPage page, string path)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Axe });
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations" +
            ".map(v => ({ id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) }))");
        return result.EnumerateArray().Select(v =>
            $"{path}: {v.GetProperty("id").GetString()} ({v.GetProperty("help").GetString()}) at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}");
    }
}
