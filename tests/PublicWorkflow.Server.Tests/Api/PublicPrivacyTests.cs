using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>The public side shows no personal data, and the cookie sign-in serves the web UI.</summary>
public sealed class PublicPrivacyTests
{
    private const string Name = "Phạm Thị Riêng Tư";
    private const string IdNumber = "079300012345";
    private const string Phone = "0901234567";
    private const string Email = "rieng.tu@example.vn";
    private const string Address = "99 Phố Bí Mật";

    /// <summary>A dossier received at branch 01 for an applicant with every personal field filled in.</summary>
    private static async Task<(ApiClient Clerk, JsonElement Received, string Code, string Key)> ReceivePersonalDossierAsync(ServerFactory factory)
    {
        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var received = await clerk.PostJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = "1.004873",
            locality = "P.HOANKIEM",
            applicant = new { fullName = Name, idNumber = IdNumber, phone = Phone, email = Email, address = Address },
            documents = new[] { new { id = "declaration" } },
        }, HttpStatusCode.Created);
        return (clerk, received, received.GetProperty("code").GetString()!, received.GetProperty("lookupKey").GetString()!);
    }

    [Test]
    public async Task No_public_response_carries_a_name_ID_number_address_phone_or_e_mail()
    {
        await using var factory = new ServerFactory();
        var (clerk, received, code, key) = await ReceivePersonalDossierAsync(factory);

        var anyone = factory.CreateClient();
        var responses = new List<string>
        {
            await anyone.GetStringAsync($"/api/v1/public/dossiers/{code}?key={key}"),
            await (await anyone.GetAsync("/api/v1/public/dossiers/NOPE-000000-0000")).Content.ReadAsStringAsync(),
            await (await anyone.GetAsync($"/api/v1/public/dossiers/{code}")).Content.ReadAsStringAsync(),
            await (await anyone.PostAsJsonAsync($"/api/v1/public/dossiers/{code}/rating?key={key}", new { rating = 5 })).Content.ReadAsStringAsync(),
            await anyone.GetStringAsync("/api/v1/procedures/1.004873"),
        };
        var staff = await clerk.GetJsonAsync($"/api/v1/dossiers/by-code/{code}");
        Assert.That(staff.GetProperty("applicant").GetProperty("fullName").GetString(), Is.EqualTo(Name), "staff do see the applicant");
        foreach (var body in responses)
        {
            Assert.That(body, Does.Not.Contain(Name).And.Not.Contain(IdNumber).And.Not.Contain(Phone).And.Not.Contain(Email).And.Not.Contain(Address)
                .And.Not.Contain("clerk.cn01"), body);
        }
        var tracked = JsonDocument.Parse(responses[0]).RootElement;
        Assert.That(tracked.EnumerateObject().Select(p => p.Name), Has.None.Matches<string>(n =>
            n.Contains("applicant", StringComparison.OrdinalIgnoreCase) || n.Contains("name", StringComparison.OrdinalIgnoreCase) && n != "procedureName" && n != "statusName"));
    }

    [Test]
    public async Task No_public_answer_at_any_stage_in_either_language_or_on_error_carries_personal_data_staff_names_or_the_key()
    {
        await using var factory = new ServerFactory();
        var (clerk, received, code, key) = await ReceivePersonalDossierAsync(factory);
        var anyone = factory.CreateClient();
        var english = factory.CreateClient();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var bodies = new List<string>();
        async Task SeeAsync()
        {
            foreach (var client in new[] { anyone, english })
            {
                bodies.Add(await client.GetStringAsync($"/api/v1/public/dossiers/{code}?key={key}"));
                bodies.Add(await (await client.GetAsync($"/api/v1/public/dossiers/{code}?key=WRONG-KEY0-0000")).Content.ReadAsStringAsync());
                bodies.Add(await (await client.PostAsJsonAsync($"/api/v1/public/dossiers/{code}/rating?key={key}", new { rating = 5 })).Content.ReadAsStringAsync());
                bodies.Add(await (await client.PostAsJsonAsync($"/api/v1/public/dossiers/{code}/rating?key={key}", new { rating = 9 })).Content.ReadAsStringAsync());
            }
        }

        await SeeAsync();
        var appraise = (await clerk.PostJsonAsync($"/api/v1/tasks/{received.GetProperty("openedTasks")[0].GetString()}/complete", new { }))
            .GetProperty("openedTasks")[0].GetString();
        await SeeAsync();
        var ward = await ApiClient.SignInAsync(factory, "clerk.hoankiem");
        await ward.PostJsonAsync($"/api/v1/tasks/{appraise}/request-supplement", new { missing = new[] { $"Giấy tờ của {Name}" } });
        await SeeAsync();

        Assert.That(bodies, Has.Count.EqualTo(24));
        foreach (var body in bodies)
        {
            Assert.That(body, Does.Not.Contain(Name).And.Not.Contain(IdNumber).And.Not.Contain(Phone).And.Not.Contain(Email).And.Not.Contain(Address)
                .And.Not.Contain("clerk.cn01").And.Not.Contain("clerk.hoankiem").And.Not.Contain(key).And.Not.Contain(key.Replace("-", "")), body);
        }
    }

    [Test]
    public async Task A_cookie_sign_in_lets_the_browser_call_the_API_and_signing_out_ends_it()
    {
        await using var factory = new ServerFactory();
        var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        Assert.That((await browser.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var login = await browser.PostAsJsonAsync("/api/v1/auth/login", new { userName = "supervisor", password = "supervisor-demo-2026" });
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
        Assert.That(me.GetProperty("role").GetString(), Is.EqualTo("supervisor"));
        Assert.That((await browser.PostAsync("/api/v1/auth/logout", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await browser.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
