using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.OneStop.Feedback;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>
/// Issue 16 on the real runtime and both databases: an item from the partner API (signed, once per item id) is
/// classified by the hub, routed to the ward, answered late and escalated, approved, published without personal data,
/// and rated by its sender; the hub's measures count it; another office never sees it.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class FeedbackHubApiTests(string provider)
{
    private const string PartnerSecret = "ihanoi-test-secret-0123456789";

    [Test]
    public async Task A_partner_item_is_classified_routed_answered_late_escalated_published_without_personal_data_and_rated()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var factory = new ServerFactory(new Dictionary<string, string?>
        {
            ["PublicWorkflow:Feedback:Partners:0:Id"] = "ihanoi", ["PublicWorkflow:Feedback:Partners:0:Name"] = "iHaNoi",
            ["PublicWorkflow:Feedback:Partners:0:Secret"] = PartnerSecret, ["PublicWorkflow:Feedback:Partners:0:Auth"] = "hmac",
        }, database);
        var anyone = await ApiClient.SignInAsync(factory, null);
        var item = new
        {
            itemId = "IHN-2026-000123", subject = "Thủ tục xác nhận tình trạng hôn nhân", text = "Tôi là Nguyễn Văn Bí Mật, 0912000111: vì sao phải nộp bản sao giấy tờ đã có trên CSDL?",
            contact = new { name = "Nguyễn Văn Bí Mật", phone = "0912000111", email = "bimat@example.vn" },
        };
        var posted = await PartnerPostAsync(anyone, item, PartnerSecret, DateTimeOffset.UtcNow);
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await posted.Content.ReadAsStringAsync());
        var receipt = await posted.Content.ReadFromJsonAsync<JsonElement>();
        var code = receipt.GetProperty("code").GetString()!;
        var secret = receipt.GetProperty("secret").GetString()!;
        var again = await PartnerPostAsync(anyone, item, PartnerSecret, DateTimeOffset.UtcNow);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the same item id again: the same item");
        Assert.That((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That((await PartnerPostAsync(anyone, item with { itemId = "other" }, "wrong-secret-wrong-secret", DateTimeOffset.UtcNow)).StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await PartnerPostAsync(anyone, item with { itemId = "stale" }, PartnerSecret, DateTimeOffset.UtcNow.AddMinutes(-30))).StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized), "a replayed request goes stale");

        var hub = await ApiClient.SignInAsync(factory, "support");
        var classify = await TaskOfAsync(hub, code, "feedback/classify");
        var missingAgency = await hub.PostJsonAsync($"/api/v1/tasks/{classify}/complete",
            new { outputs = new { classification = "accept", category = "procedure", agency = "NO.SUCH" } }, HttpStatusCode.BadRequest);
        Assert.That(missingAgency.GetProperty("errors").TryGetProperty("outputs.agency", out _), Is.True);
        await hub.PostJsonAsync($"/api/v1/tasks/{classify}/complete",
            new { outputs = new { classification = "accept", category = "procedure", agency = "UB.P.HOANKIEM" } });

        var ward = await ApiClient.SignInAsync(factory, "clerk.hoankiem");
        var answer = await TaskOfAsync(ward, code, "feedback/answer");
        var branch = await ApiClient.SignInAsync(factory, "clerk.cn01");
        Assert.That((await branch.GetJsonAsync("/api/v1/feedback")).GetProperty("total").GetInt32(), Is.Zero, "routed to the ward: the branch sees nothing");
        var id = (await ward.GetJsonAsync("/api/v1/feedback")).GetProperty("items")[0].GetProperty("id").GetString();
        await branch.GetJsonAsync($"/api/v1/feedback/{id}", HttpStatusCode.NotFound);

        // The fifteen working days pass without an answer: the sweep escalates it to the supervisor.
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<FeedbackDeadlines>().RunDueAsync(DateTimeOffset.UtcNow.AddDays(40));
        }
        var escalated = await ward.GetJsonAsync($"/api/v1/feedback/{id}");
        Assert.That((escalated.GetProperty("escalated").GetBoolean(), escalated.GetProperty("late").GetBoolean()), Is.EqualTo((true, true)));
        Assert.That(escalated.GetProperty("contact").GetProperty("phone").GetString(), Is.EqualTo("0912000111"), "staff in scope see the contact");

        await ward.PostJsonAsync($"/api/v1/tasks/{answer}/complete", new { outputs = new { answer = "Từ 1/7/2025 không phải nộp bản sao giấy tờ đã có trong CSDL quốc gia." } });
        var approve = await TaskOfAsync(ward, code, "feedback/approve");
        await ward.PostJsonAsync($"/api/v1/tasks/{approve}/complete", new { outputs = new { approval = "approve" } });
        var publish = await TaskOfAsync(hub, code, "feedback/publish");
        await hub.PostJsonAsync($"/api/v1/tasks/{publish}/complete",
            new { outputs = new { question = "Vì sao phải nộp bản sao giấy tờ đã có trên cơ sở dữ liệu quốc gia?" } });

        var published = await anyone.GetJsonAsync("/api/v1/public/feedback");
        var text = published.GetRawText();
        Assert.That(published.GetProperty("items")[0].GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(text, Does.Not.Contain("Bí Mật").And.Not.Contain("0912000111").And.Not.Contain("bimat@"), "no personal data is published");
        var tracked = await anyone.GetJsonAsync($"/api/v1/public/feedback/{code}?secret={secret}");
        Assert.That((tracked.GetProperty("status").GetString(), tracked.GetProperty("canRate").GetBoolean()), Is.EqualTo(("published", true)));
        await anyone.GetJsonAsync($"/api/v1/public/feedback/{code}?secret=WRONG-WRONG-WRONG", HttpStatusCode.NotFound);
        await anyone.PostJsonAsync($"/api/v1/public/feedback/{code}/rating?secret={secret}", new { rating = 4 });
        await anyone.PostJsonAsync($"/api/v1/public/feedback/{code}/rating?secret={secret}", new { rating = 5 }, HttpStatusCode.Conflict);

        var supervisor = await ApiClient.SignInAsync(factory, "supervisor");
        var measures = (await supervisor.GetJsonAsync("/api/v1/feedback-measures")).EnumerateArray().ToList();
        var all = measures[0];
        Assert.That((all.GetProperty("received").GetInt32(), all.GetProperty("closed").GetInt32(), all.GetProperty("late").GetInt32(),
            all.GetProperty("published").GetInt32(), all.GetProperty("satisfied").GetInt32()), Is.EqualTo((1, 1, 1, 1, 1)));
        Assert.That(measures.Any(m => m.GetProperty("agency").GetString() == "UB.P.HOANKIEM"), Is.True);
        await ward.GetJsonAsync("/api/v1/feedback-measures", HttpStatusCode.Forbidden);

        // Calls and counter visits are recorded by the hub and the reception desks; an agency's clerk is neither.
        var call = new { channel = "hotline", subject = "Gọi tổng đài", text = "Hỏi lịch làm việc", contact = new { phone = "0912000222" } };
        await hub.PostJsonAsync("/api/v1/feedback", call, HttpStatusCode.Created);
        await ward.PostJsonAsync("/api/v1/feedback", call, HttpStatusCode.Forbidden);
        await branch.PostJsonAsync("/api/v1/feedback", call with { channel = "counter" }, HttpStatusCode.Created);
        Assert.That((await hub.GetJsonAsync("/api/v1/feedback?status=received")).GetProperty("total").GetInt32(), Is.EqualTo(2));
    }

    private static async Task<string> TaskOfAsync(ApiClient client, string code, string form)
    {
        var inbox = await client.GetJsonAsync("/api/v1/tasks/inbox");
        var task = inbox.EnumerateArray().FirstOrDefault(t => t.GetProperty("dossierCode").GetString() == code && t.GetProperty("form").GetString() == form);
        Assert.That(task.ValueKind, Is.EqualTo(JsonValueKind.Object), $"{form} of {code} in the inbox");
        return task.GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> PartnerPostAsync(ApiClient client, object item, string secret, DateTimeOffset at)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(item, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var stamp = at.ToUnixTimeSeconds().ToString();
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stamp + "\n").Concat(body).ToArray()));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/partners/ihanoi/feedback") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Timestamp", stamp);
        request.Headers.Add("X-Signature", signature);
        return client.Http.SendAsync(request);
    }
}
