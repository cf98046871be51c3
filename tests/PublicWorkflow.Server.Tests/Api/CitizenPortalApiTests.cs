using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Tests.Support;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>
/// Issue 15 through HTTP: citizen accounts (sign-up, verification code, lockout, reset), the citizen's own dossiers and
/// nobody else's (every citizen endpoint tried with another account's dossier), the receiving point's online inbox, and
/// staff views of personal data in the access log.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed partial class CitizenPortalApiTests(string provider) : ApiSuite(provider)
{
    [Test]
    public async Task A_citizen_signs_up_verifies_with_the_code_sent_is_locked_after_wrong_passwords_and_resets_the_password()
    {
        var citizen = Client();
        await citizen.PostJsonAsync("/api/v1/citizen/auth/sign-up", new { contact = "An@Example.vn", password = "mat-khau-dai", fullName = "Nguyễn Văn An" },
            HttpStatusCode.Accepted);
        var wrong = await citizen.PostJsonAsync("/api/v1/citizen/auth/sign-in", new { contact = "an@example.vn", password = "mat-khau-dai" },
            HttpStatusCode.UnprocessableEntity);
        Assert.That(wrong.GetProperty("code").GetString(), Is.EqualTo("contact-not-verified"));
        var bad = await citizen.PostJsonAsync("/api/v1/citizen/auth/verify", new { contact = "an@example.vn", code = "000000x" }, HttpStatusCode.BadRequest);
        Assert.That(bad.GetProperty("errors").TryGetProperty("code", out _), Is.True);
        var me = await citizen.PostJsonAsync("/api/v1/citizen/auth/verify", new { contact = "an@example.vn", code = await CodeAsync("an@example.vn") });
        Assert.That((me.GetProperty("fullName").GetString(), me.GetProperty("personalIdVerified").GetBoolean()), Is.EqualTo(("Nguyễn Văn An", false)));
        await citizen.GetJsonAsync("/api/v1/citizen/me");

        // The same address again: the same answer, no second account, and the owner is told.
        await Client().PostJsonAsync("/api/v1/citizen/auth/sign-up", new { contact = "an@example.vn", password = "khac-hoan-toan", fullName = "Kẻ khác" },
            HttpStatusCode.Accepted);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneStopDbContext>();
            Assert.That(await db.CitizenAccounts.CountAsync(), Is.EqualTo(1));
            Assert.That(await db.Messages.CountAsync(m => m.Address == "an@example.vn" && m.Event.StartsWith("exists-")), Is.EqualTo(1));
        }

        var stranger = Client();
        for (var i = 0; i < 5; i++)
        {
            await stranger.PostJsonAsync("/api/v1/citizen/auth/sign-in", new { contact = "an@example.vn", password = $"doan-sai-{i}" }, HttpStatusCode.Unauthorized);
        }
        await stranger.PostJsonAsync("/api/v1/citizen/auth/sign-in", new { contact = "an@example.vn", password = "mat-khau-dai" }, HttpStatusCode.Unauthorized);
        await stranger.PostJsonAsync("/api/v1/citizen/auth/sign-in", new { contact = "nobody@example.vn", password = "mat-khau-dai" }, HttpStatusCode.Unauthorized);

        await stranger.PostJsonAsync("/api/v1/citizen/auth/reset-request", new { contact = "an@example.vn" }, HttpStatusCode.Accepted);
        await stranger.PostJsonAsync("/api/v1/citizen/auth/reset-request", new { contact = "nobody@example.vn" }, HttpStatusCode.Accepted);
        var resetCode = await CodeAsync("an@example.vn", "reset");
        var weak = await stranger.PostJsonAsync("/api/v1/citizen/auth/reset", new { contact = "an@example.vn", code = resetCode, newPassword = "ngan" },
            HttpStatusCode.BadRequest);
        Assert.That(weak.GetProperty("errors").TryGetProperty("newPassword", out _), Is.True);
        await stranger.PostJsonAsync("/api/v1/citizen/auth/reset", new { contact = "an@example.vn", code = resetCode, newPassword = "mat-khau-moi-2026" },
            HttpStatusCode.NoContent);
        await stranger.PostJsonAsync("/api/v1/citizen/auth/reset", new { contact = "an@example.vn", code = resetCode, newPassword = "mat-khau-khac-2026" },
            HttpStatusCode.BadRequest);
        await citizen.GetJsonAsync("/api/v1/citizen/me", HttpStatusCode.Unauthorized);
        await Client().PostJsonAsync("/api/v1/citizen/auth/sign-in", new { contact = "an@example.vn", password = "mat-khau-moi-2026" });
    }

    [Test]
    public async Task A_citizen_reads_and_acts_on_their_own_dossiers_only_and_staff_and_citizen_sign_ins_never_cross()
    {
        var an = await SignedUpAsync("an@example.vn");
        var binh = await SignedUpAsync("binh@example.vn");
        var filed = await an.PostJsonAsync("/api/v1/citizen/dossiers", Filing(), HttpStatusCode.Created);
        var id = filed.GetProperty("dossierId").GetString();
        Assert.That(filed.GetProperty("status").GetInt32(), Is.EqualTo(1), "submitted, waiting for the point");
        await UploadAsync(an, id!, "ct01", HttpStatusCode.Created);
        var mine = await an.GetJsonAsync($"/api/v1/citizen/dossiers/{id}");
        Assert.That((mine.GetProperty("canUpload").GetBoolean(), mine.GetProperty("files").GetArrayLength()), Is.EqualTo((true, 1)));

        Assert.That((await binh.GetJsonAsync("/api/v1/citizen/dossiers")).GetArrayLength(), Is.Zero);
        foreach (var path in new[] { "", "/papers/receipt", $"/files/{mine.GetProperty("files")[0].GetProperty("id").GetString()}" })
        {
            await binh.GetJsonAsync($"/api/v1/citizen/dossiers/{id}{path}", HttpStatusCode.NotFound);
        }
        foreach (var (path, body) in new (string, object?)[] { ("/supplement", null), ("/withdraw", new { reason = "x" }), ("/payment", null), ("/rating", new { rating = 5 }) })
        {
            await binh.PostJsonAsync($"/api/v1/citizen/dossiers/{id}{path}", body, HttpStatusCode.NotFound);
        }
        await UploadAsync(binh, id!, "ct01", HttpStatusCode.NotFound);

        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        await clerk.GetJsonAsync("/api/v1/citizen/me", HttpStatusCode.Unauthorized);
        await an.GetJsonAsync($"/api/v1/dossiers/{id}", HttpStatusCode.Unauthorized);
        await Client().GetJsonAsync($"/api/v1/citizen/dossiers/{id}", HttpStatusCode.Unauthorized);

        // The point's inbox: a portal filing counts a document handed in only with its file; the clerk guides with what is wanting.
        var inbox = await clerk.GetJsonAsync("/api/v1/dossiers?status=submitted");
        Assert.That(inbox.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()), Does.Contain(id));
        var refused = await clerk.PostJsonAsync($"/api/v1/dossiers/{id}/review", new { decision = "refuse" }, HttpStatusCode.BadRequest);
        Assert.That(refused.GetProperty("errors").TryGetProperty("items", out _), Is.True);
        var guided = await clerk.PostJsonAsync($"/api/v1/dossiers/{id}/review", new { decision = "accept" });
        Assert.That(guided.GetProperty("status").GetInt32(), Is.EqualTo(0), "the accommodation proof was declared but never uploaded");
        var told = await an.GetJsonAsync($"/api/v1/citizen/dossiers/{id}");
        Assert.That(told.GetProperty("missingDocuments").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "accommodation-proof" }));
        Assert.That(told.GetProperty("papers").EnumerateArray().Select(p => p.GetString()), Does.Contain("supplement-request"));
        var paper = await an.Http.GetAsync($"/api/v1/citizen/dossiers/{id}/papers/supplement-request");
        Assert.That(paper.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var second = (await an.PostJsonAsync("/api/v1/citizen/dossiers", Filing(), HttpStatusCode.Created)).GetProperty("dossierId").GetString();
        await UploadAsync(an, second!, "ct01", HttpStatusCode.Created);
        await UploadAsync(an, second!, "accommodation-proof", HttpStatusCode.Created);
        var accepted = await clerk.PostJsonAsync($"/api/v1/dossiers/{second}/review", new { decision = "accept" });
        Assert.That(accepted.GetProperty("code").GetString(), Is.Not.Null);
        var paid = await an.PostJsonAsync($"/api/v1/citizen/dossiers/{second}/payment", null);
        Assert.That((paid.GetProperty("fee").GetDecimal(), paid.GetProperty("paymentIsSimulated").GetBoolean()), Is.EqualTo((7000m, true)), "the online fee, through the stand-in gateway");
        await an.PostJsonAsync($"/api/v1/citizen/dossiers/{second}/payment", null, HttpStatusCode.Conflict);
        var withdrawn = await an.PostJsonAsync($"/api/v1/citizen/dossiers/{second}/withdraw", new { reason = "Tôi đã chuyển đi nơi khác" });
        Assert.That(withdrawn.GetProperty("status").GetInt32(), Is.EqualTo(7));

        // Every staff view of the applicant is in the access log.
        await clerk.GetJsonAsync($"/api/v1/dossiers/{second}");
        var supervisor = await ApiClient.SignInAsync(factory, "supervisor");
        var log = await supervisor.GetJsonAsync($"/api/v1/dossiers/{second}/personal-data-access");
        Assert.That(log.EnumerateArray().Select(a => (a.GetProperty("actor").GetString(), a.GetProperty("action").GetString())),
            Does.Contain(("clerk.cn01", "view-dossier")));
        await clerk.GetJsonAsync($"/api/v1/dossiers/{second}/personal-data-access", HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Documents_from_the_data_store_need_a_personal_ID_the_identity_provider_vouched_for_and_a_phone_signs_up_too()
    {
        var phone = Client();
        await phone.PostJsonAsync("/api/v1/citizen/auth/sign-up", new { contact = "+84 912 345 678", password = "mat-khau-dai", fullName = "Trần Bình" },
            HttpStatusCode.Accepted);
        await phone.PostJsonAsync("/api/v1/citizen/auth/verify", new { contact = "0912345678", code = await CodeAsync("0912345678") });
        var field = await Client().PostJsonAsync("/api/v1/citizen/auth/sign-up", new { contact = "12-ab", password = "mat-khau-dai", fullName = "X" },
            HttpStatusCode.BadRequest);
        Assert.That(field.GetProperty("errors").TryGetProperty("contact", out _), Is.True);
        var an = await SignedUpAsync("an@example.vn");
        var body = Filing() with { Documents = [new Doc("ct01", null, true), new Doc("accommodation-proof", null, null)] };
        var refused = await an.PostJsonAsync("/api/v1/citizen/dossiers", body, HttpStatusCode.UnprocessableEntity);
        Assert.That(refused.GetProperty("code").GetString(), Is.EqualTo("personal-id-not-verified"));
        Assert.That((await an.GetJsonAsync("/api/v1/citizen/data-store?procedure=1.004194")).GetArrayLength(), Is.Zero);
    }

    private sealed record Doc(string Id, Guid? ReusedFileId, bool? FromNationalDatabase);

    private sealed record FilingBody(string ProcedureCode, string BranchCode, string Locality, string Delivery, Doc[] Documents, string[] NotifyBy);

    private static FilingBody Filing() =>
        new("1.004194", "CN01", "P.HOANKIEM", "online", [new Doc("ct01", null, null), new Doc("accommodation-proof", null, null)], ["email"]);

    private ApiClient Client() => new(factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }));

    private async Task<ApiClient> SignedUpAsync(string email)
    {
        var client = Client();
        await client.PostJsonAsync("/api/v1/citizen/auth/sign-up", new { contact = email, password = "mat-khau-dai", fullName = "Công dân " + email }, HttpStatusCode.Accepted);
        await client.PostJsonAsync("/api/v1/citizen/auth/verify", new { contact = email, code = await CodeAsync(email) });
        return client;
    }

    /// <summary>The code as it went out: the last account message to the address, read from the outbox.</summary>
    private async Task<string> CodeAsync(string address, string purpose = "verify")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var message = await scope.ServiceProvider.GetRequiredService<OneStopDbContext>().Messages
            .Where(m => m.Address == address && m.Event.StartsWith(purpose + "-")).OrderByDescending(m => m.CreatedAt).FirstAsync();
        return SixDigits().Match(message.Body).Value;
    }

    private static async Task UploadAsync(ApiClient client, string id, string component, HttpStatusCode expected)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(OneStopSamples.Pdf(component));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "file", component + ".pdf");
        using var response = await client.Http.PostAsync($"/api/v1/citizen/dossiers/{id}/files?component={component}", form);
        await ApiClient.ReadAsync(response, expected, "upload");
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
