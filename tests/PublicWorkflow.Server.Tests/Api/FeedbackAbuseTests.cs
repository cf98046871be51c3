using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>The public feedback form against abuse: tags stripped, sizes enforced, a repeat merged, a flood answered 429 — never a 5xx.</summary>
public sealed class FeedbackAbuseTests
{
    [Test]
    public async Task The_public_form_strips_html_limits_sizes_merges_repeats_and_answers_a_flood_with_429_never_a_5xx()
    {
        await using var factory = new ServerFactory(new Dictionary<string, string?> { ["PublicWorkflow:PublicRequestsPerMinute"] = "30" });
        var anyone = await ApiClient.SignInAsync(factory, null);
        var first = await anyone.PostJsonAsync("/api/v1/public/feedback",
            new { subject = "<script>alert(1)</script>Xếp hàng lâu", text = "<b>Chờ</b> 2 giờ &lt;img src=x onerror=alert(1)&gt; tại chi nhánh 3" }, HttpStatusCode.Created);
        var code = first.GetProperty("code").GetString();
        var secret = first.GetProperty("secret").GetString();
        var seen = await anyone.GetJsonAsync($"/api/v1/public/feedback/{code}?secret={secret}");
        Assert.That(seen.GetProperty("subject").GetString(), Is.EqualTo("alert(1) Xếp hàng lâu"), "tags are gone, the words stay");
        var repeat = await anyone.PostJsonAsync("/api/v1/public/feedback",
            new { subject = "<script>alert(1)</script>Xếp hàng lâu", text = "<b>Chờ</b> 2 giờ &lt;img src=x onerror=alert(1)&gt; tại chi nhánh 3" }, HttpStatusCode.Created);
        Assert.That(repeat.GetProperty("code").GetString(), Is.EqualTo(code), "the same text again within minutes: merged");

        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { subject = "", text = "x" }, "subject"),
                     (new { subject = "x", text = new string('a', 4001) }, "text"),
                     (new { subject = "x", text = "y", dossierCode = "UB.P.HOANKIEM-260101-0001" }, "dossierCode"),
                     (new { subject = "x", text = "y", contact = new { email = "not-an-address" } }, "contact.email"),
                 })
        {
            var refused = await anyone.PostJsonAsync("/api/v1/public/feedback", body, HttpStatusCode.BadRequest);
            Assert.That(refused.GetProperty("errors").TryGetProperty(field, out _), Is.True, field);
        }
        var huge = await anyone.Http.PostAsync("/api/v1/public/feedback", new StringContent(new string('x', 3 * 1024 * 1024), System.Text.Encoding.UTF8, "application/json"));
        Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            var response = await anyone.Http.PostAsJsonAsync("/api/v1/public/feedback", new { subject = $"Tin rác {i}", text = "quảng cáo" });
            statuses.Add(response.StatusCode);
        }
        Assert.That(statuses.Where(s => (int)s >= 500), Is.Empty, "no 5xx under a flood");
        Assert.That(statuses, Does.Contain(HttpStatusCode.TooManyRequests));
        Assert.That(statuses.All(s => s is HttpStatusCode.Created or HttpStatusCode.TooManyRequests), Is.True, string.Join(",", statuses));
        var limited = await anyone.Http.PostAsJsonAsync("/api/v1/public/feedback", new { subject = "x", text = "y" });
        Assert.That(limited.Headers.RetryAfter, Is.Not.Null);
        _ = await limited.Content.ReadFromJsonAsync<JsonElement>();
    }
}
