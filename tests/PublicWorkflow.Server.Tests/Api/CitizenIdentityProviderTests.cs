using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>
/// Sign-in through the national identity provider, the whole OpenID Connect protocol against the in-process stand-in
/// (authorization code with PKCE, a signed ID token, the client's back-channel to the token endpoint): nothing mocked.
/// </summary>
public sealed partial class CitizenIdentityProviderTests
{
    [Test]
    public async Task A_citizen_signs_in_with_the_national_identity_and_the_account_is_bound_to_the_personal_ID_it_vouched_for()
    {
        await using var factory = WithStandIn();
        var portal = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var providers = await portal.GetFromJsonAsync<JsonElement>("/api/v1/citizen/auth/providers");
        Assert.That((providers.GetProperty("external").GetBoolean(), providers.GetProperty("externalIsStandIn").GetBoolean()), Is.EqualTo((true, true)));

        // A password account first, which the identity sign-in then binds.
        await portal.PostAsJsonAsync("/api/v1/citizen/auth/sign-up", new { contact = "an.nguyen@example.vn", password = "mat-khau-dai", fullName = "An" });
        var before = await SignInThroughProviderAsync(portal, "001090000001", "wrong-password", expectForm: true);
        Assert.That(before, Does.Contain("không đúng"), "a wrong password shows the form again");

        using var none = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInThroughProviderAsync(none, "001090000001", "vneid-demo-2026");
        var me = await none.GetFromJsonAsync<JsonElement>("/api/v1/citizen/me");
        Assert.That(me.GetProperty("personalIdVerified").GetBoolean(), Is.True);
        Assert.That(me.GetProperty("personalIdMasked").GetString(), Is.EqualTo("••••••••0001"), "the number is never shown whole");
        Assert.That(me.GetProperty("fullName").GetString(), Is.EqualTo("Nguyễn Văn An"));

        // The same person again: the same account (no second one), and another person's sign-in is another account.
        using var again = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInThroughProviderAsync(again, "001090000001", "vneid-demo-2026");
        using var other = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInThroughProviderAsync(other, "001190000002", "vneid-demo-2026");
        Assert.That((await other.GetFromJsonAsync<JsonElement>("/api/v1/citizen/me")).GetProperty("personalIdMasked").GetString(), Does.EndWith("0002"));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicWorkflow.OneStop.Persistence.OneStopDbContext>();
        Assert.That(db.CitizenAccounts.Count(a => a.PersonalId != null), Is.EqualTo(2));
    }

    [Test]
    public async Task A_return_address_off_the_site_is_never_followed()
    {
        await using var factory = WithStandIn();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInThroughProviderAsync(client, "001090000003", "vneid-demo-2026", returnUrl: "//evil.example/steal");
        Assert.That(lastLanding, Is.EqualTo("/portal/"));
    }

    private string? lastLanding;

    /// <summary>A server with the identity stand-in on a port of its own, its callback the in-memory server's address.</summary>
    private static ServerFactory WithStandIn() => new(new Dictionary<string, string?>
    {
        ["PublicWorkflow:Citizens:Identity:Authority"] = $"http://localhost:{PublicWorkflow.OneStop.Tests.Support.TestPorts.Free()}/",
        ["PublicWorkflow:Citizens:Identity:StandIn"] = "true",
        ["PublicWorkflow:Citizens:Identity:StandInRedirectUri"] = "http://localhost/signin-vneid",
    });

    /// <summary>
    /// The browser's part, by hand: the challenge's redirect to the provider, its form posted back with the request's
    /// hidden fields, the code brought to the callback; returns the provider's page when <paramref name="expectForm"/>.
    /// </summary>
    private async Task<string> SignInThroughProviderAsync(HttpClient portal, string personalId, string password, bool expectForm = false, string returnUrl = "/portal/")
    {
        var challenge = await portal.GetAsync($"/api/v1/citizen/auth/external?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.That(challenge.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var authorize = challenge.Headers.Location!;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var form = await browser.GetStringAsync(authorize);
        Assert.That(form, Does.Contain("không phải VNeID thật"), "the stand-in says what it is");
        var fields = HiddenField().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["standin_personal_id"] = personalId;
        fields["standin_password"] = password;
        var posted = await browser.PostAsync(new Uri(authorize, "/connect/authorize"), new FormUrlEncodedContent(fields));
        if (expectForm)
        {
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            return await posted.Content.ReadAsStringAsync();
        }
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await posted.Content.ReadAsStringAsync());
        var callback = posted.Headers.Location!;
        Assert.That(callback.AbsolutePath, Is.EqualTo("/signin-vneid"));
        var landed = await portal.GetAsync(callback.PathAndQuery);
        Assert.That(landed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await landed.Content.ReadAsStringAsync());
        lastLanding = landed.Headers.Location!.OriginalString;
        return lastLanding;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
