using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>
/// The public side answers only to a dossier's code together with the lookup key printed on the receipt, and a stranger
/// can neither enumerate dossiers nor cast their rating; strangers are rate-limited.
/// </summary>
public sealed class PublicSecretTests
{
    private static readonly object Reception = new
    {
        procedureCode = "1.004873",
        locality = "P.HOANKIEM",
        applicant = new { fullName = "Trần Thị Bình" },
        documents = new[] { new { id = "declaration" } },
    };

    [Test]
    public async Task A_code_alone_or_with_a_wrong_key_finds_nothing_and_the_right_key_in_any_case_finds_the_dossier()
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var received = await clerk.PostJsonAsync("/api/v1/dossiers", Reception, HttpStatusCode.Created);
        var code = received.GetProperty("code").GetString()!;
        var key = received.GetProperty("lookupKey").GetString()!;
        Assert.That(key, Does.Match("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"));
        var other = await clerk.PostJsonAsync("/api/v1/dossiers", Reception, HttpStatusCode.Created);
        Assert.That(other.GetProperty("lookupKey").GetString(), Is.Not.EqualTo(key));

        // The last character changed to another (a key ending in X would otherwise stay the same key: one time in 32).
        var anyone = factory.CreateClient();
        var unknown = await anyone.GetAsync("/api/v1/public/dossiers/UB.P.HOANKIEM-000101-0001?key=" + key);
        foreach (var path in new[] { $"{code}", $"{code}?key=", $"{code}?key={other.GetProperty("lookupKey").GetString()}", $"{code}?key={key[..^1]}{(key[^1] == 'X' ? 'Y' : 'X')}" })
        {
            var response = await anyone.GetAsync("/api/v1/public/dossiers/" + path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
            Assert.That(await Title(response), Is.EqualTo(await Title(unknown)), "a wrong key looks exactly like an unknown code");
        }
        foreach (var typed in new[] { key, key.ToLowerInvariant(), key.Replace("-", ""), key.Replace("-", " ") })
        {
            var response = await anyone.GetAsync($"/api/v1/public/dossiers/{code}?key={Uri.EscapeDataString(typed)}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), typed);
        }
    }

    [Test]
    public async Task A_stranger_with_the_code_cannot_rate_and_the_citizen_with_the_key_is_not_preempted()
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var received = await clerk.PostJsonAsync("/api/v1/dossiers", Reception, HttpStatusCode.Created);
        var code = received.GetProperty("code").GetString()!;
        var anyone = await ApiClient.SignInAsync(factory, null);

        await anyone.PostJsonAsync($"/api/v1/public/dossiers/{code}/rating", new { rating = 1 }, HttpStatusCode.NotFound);
        await anyone.PostJsonAsync($"/api/v1/public/dossiers/{code}/rating?key=0000-0000-0000", new { rating = 1 }, HttpStatusCode.NotFound);
        // With the key the citizen reaches the rules: not returned yet, so not yet (422), and nobody rated in their place.
        var early = await anyone.PostJsonAsync($"/api/v1/public/dossiers/{code}/rating?key={received.GetProperty("lookupKey").GetString()}",
            new { rating = 5 }, (HttpStatusCode)422);
        Assert.That(early.GetProperty("code").GetString(), Is.EqualTo("not-returned"));
    }

    [Test]
    public async Task Three_hundred_anonymous_guesses_find_nothing_and_most_are_refused_with_429()
    {
        await using var factory = new ServerFactory(new Dictionary<string, string?> { ["PublicWorkflow:PublicRequestsPerMinute"] = "30" });
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var received = await clerk.PostJsonAsync("/api/v1/dossiers", Reception, HttpStatusCode.Created);
        var prefix = received.GetProperty("code").GetString()![..^4];

        var anyone = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 1; i <= 300; i++)
        {
            var response = await anyone.GetAsync($"/api/v1/public/dossiers/{prefix}{i:D4}");
            statuses.Add(response.StatusCode);
            limited ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }
        Assert.That(statuses, Has.None.EqualTo(HttpStatusCode.OK), "no dossier found by its code alone");
        Assert.That(statuses.Count(s => s == HttpStatusCode.NotFound), Is.EqualTo(30));
        Assert.That(statuses.Count(s => s == HttpStatusCode.TooManyRequests), Is.EqualTo(270));
        Assert.That(limited!.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(limited.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await limited.Content.ReadAsStringAsync(), Does.Contain("rate-limited"));
        // Staff work is not limited by the public budget.
        Assert.That((await clerk.Http.GetAsync("/api/v1/dossiers")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_receipt_prints_the_lookup_key_and_a_QR_code_that_opens_the_tracking_page()
    {
        await using var factory = new ServerFactory();
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var received = await clerk.PostJsonAsync("/api/v1/dossiers", Reception, HttpStatusCode.Created);
        var receipt = await clerk.Http.GetStringAsync($"/api/v1/dossiers/{received.GetProperty("dossierId").GetString()}/papers/receipt");
        Assert.That(receipt, Does.Contain(received.GetProperty("lookupKey").GetString()).And.Contain("<svg").And.Contain("/track"));

        // The address the QR code holds reaches the tracking page with code and key.
        var code = received.GetProperty("code").GetString();
        var opened = await factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync($"/track?code={code}&key=ABCD-EFGH-JKMN");
        Assert.That(opened.Headers.Location?.ToString(), Is.EqualTo($"/track.html?code={code}&key=ABCD-EFGH-JKMN"));
    }

    private static async Task<string?> Title(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString();
}
