using System.Net;
using System.Text.Json;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>
/// Issue 13 through HTTP: where to file, the locality question, refusal to receive, the supplement list the citizen
/// sees, the supervisor's override, the register, and the public statistics (no personal data).
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class RulesApiTests(string provider) : ApiSuite(provider)
{
    private ApiClient reception = null!;
    private ApiClient supervisor = null!;
    private ApiClient anyone = null!;

    [SetUp]
    public async Task SignInAsync()
    {
        reception = await ApiClient.SignInAsync(factory, "clerk.cn01");
        supervisor = await ApiClient.SignInAsync(factory, "supervisor");
        anyone = await ApiClient.SignInAsync(factory, null);
    }

    [Test]
    public async Task A_citizen_finds_where_to_file_and_the_form_asks_for_the_place_the_law_names()
    {
        var points = (await anyone.GetJsonAsync("/api/v1/points?procedure=1.001193&locality=P.BACHMAI&on=2026-12-01")).EnumerateArray().ToList();
        Assert.That(points[0].GetProperty("code").GetString(), Is.EqualTo("TT.P.BACHMAI"));
        Assert.That(points[0].GetProperty("hours").GetString(), Does.Contain("08:00–12:00"));
        Assert.That(points.All(p => !p.GetProperty("verified").GetBoolean()), Is.True);
        var passport = (await anyone.GetJsonAsync("/api/v1/points?procedure=1.001456")).EnumerateArray();
        Assert.That(passport.Select(p => p.GetProperty("kind").GetString()), Has.None.EqualTo("commune-point"));
        var badWard = await anyone.GetJsonAsync("/api/v1/points?locality=P.NOWHERE", HttpStatusCode.BadRequest);
        Assert.That(badWard.GetProperty("errors").TryGetProperty("locality", out _), Is.True);
        await anyone.GetJsonAsync("/api/v1/points?procedure=9.999999", HttpStatusCode.NotFound);

        var permit = await anyone.GetJsonAsync("/api/v1/procedures/1.013225");
        Assert.That(permit.GetProperty("localityQuestion").GetString(), Does.Contain("thửa đất"));
        Assert.That((await anyone.GetJsonAsync("/api/v1/procedures/1.001456")).GetProperty("localityQuestion").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task A_clerk_refuses_to_receive_with_reasons_and_prints_form_03_and_the_register()
    {
        var noReasons = await reception.PostJsonAsync("/api/v1/dossiers/refusals", Dossier("1.004873", ["declaration"]), HttpStatusCode.BadRequest);
        Assert.That(noReasons.GetProperty("errors").TryGetProperty("reasons", out _), Is.True);
        var refused = await reception.PostJsonAsync("/api/v1/dossiers/refusals",
            new Dictionary<string, object?>(Dossier("1.004873", ["declaration"])) { ["reasons"] = new[] { "Không thuộc trường hợp được cấp" } }, HttpStatusCode.Created);
        Assert.That((refused.GetProperty("status").GetInt32(), refused.GetProperty("reasons")[0].GetString()), Is.EqualTo((3, "Không thuộc trường hợp được cấp")));
        var paper = await reception.Http.GetStringAsync($"/api/v1/dossiers/{refused.GetProperty("dossierId").GetString()}/papers/refusal-to-receive");
        Assert.That(paper, Does.Contain("PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ").And.Contain("Không thuộc trường hợp được cấp"));

        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd");
        var register = await reception.Http.GetAsync($"/api/v1/dossiers/register?unit=CN01&from={today}&to={today}");
        Assert.That(register.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await register.Content.ReadAsStringAsync(), Does.Contain("SỔ THEO DÕI HỒ SƠ").And.Contain("Nguyễn Thị Hoa"), "the register is the unit's own, with names");
        var other = await reception.GetJsonAsync($"/api/v1/dossiers/register?unit=CN02&from={today}&to={today}", HttpStatusCode.Forbidden);
        Assert.That(other.GetProperty("code").GetString(), Is.EqualTo("outside-scope"));
        await reception.GetJsonAsync("/api/v1/dossiers/register?unit=CN01", HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task The_citizen_sees_the_catalog_documents_asked_for_and_a_second_request_needs_the_supervisor()
    {
        var received = await reception.PostJsonAsync("/api/v1/dossiers", Dossier("1.004873", ["declaration"]), HttpStatusCode.Created);
        var (id, code, key) = (received.GetProperty("dossierId").GetString(), received.GetProperty("code").GetString(), received.GetProperty("lookupKey").GetString());
        await reception.PostJsonAsync($"/api/v1/tasks/{await TaskAsync(reception, "Task_Digitize", code!)}/complete", new { outputs = new { } });
        var tooEarly = await supervisor.PostJsonAsync($"/api/v1/dossiers/{id}/supplement-override", new { reason = "thêm" }, HttpStatusCode.UnprocessableEntity);
        Assert.That(tooEarly.GetProperty("code").GetString(), Is.EqualTo("override-not-needed"), "the first request needs no override");
        var officer = await ApiClient.SignInAsync(factory, "clerk.hoankiem");
        await officer.PostJsonAsync($"/api/v1/tasks/{await TaskAsync(officer, "Task_Appraise", code!)}/request-supplement",
            new { missing = new[] { "divorce-proof", "Bản án ly hôn giữa bà Nguyễn Thị Hoa và ông Trần Văn Nam" } });

        var tracked = await anyone.GetJsonAsync($"/api/v1/public/dossiers/{code}?key={key}");
        Assert.That(tracked.GetProperty("missing").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "Giấy tờ chứng minh đã ly hôn hoặc người kia đã chết (nếu có)" }));
        Assert.That(tracked.GetProperty("otherMissing").GetInt32(), Is.EqualTo(1));
        Assert.That(tracked.GetRawText(), Does.Not.Contain("Nguyễn Thị Hoa"), "free text stays off the public page");

        await reception.PostJsonAsync($"/api/v1/dossiers/{id}/supplement", new { documents = new[] { new { id = "divorce-proof" } } });
        var appraise = await TaskAsync(officer, "Task_Appraise", code!);
        var second = await officer.PostJsonAsync($"/api/v1/tasks/{appraise}/request-supplement", new { missing = new[] { "authorisation" } }, HttpStatusCode.UnprocessableEntity);
        Assert.That(second.GetProperty("code").GetString(), Is.EqualTo("supplement-already-requested"));
        var clerkOverride = await reception.PostJsonAsync($"/api/v1/dossiers/{id}/supplement-override", new { reason = "x" }, HttpStatusCode.Forbidden);
        Assert.That(clerkOverride.GetProperty("status").GetInt32(), Is.EqualTo(403));
        var allowed = await supervisor.PostJsonAsync($"/api/v1/dossiers/{id}/supplement-override", new { reason = "Tờ khai bị rách" });
        Assert.That(allowed.GetProperty("supplementRequestsAllowed").GetInt32(), Is.EqualTo(2));
        await officer.PostJsonAsync($"/api/v1/tasks/{appraise}/request-supplement", new { missing = new[] { "authorisation" } });
    }

    [Test]
    public async Task Public_statistics_label_each_formula_hold_no_personal_data_and_bound_the_period()
    {
        await reception.PostJsonAsync("/api/v1/dossiers", Dossier("1.004873", ["declaration"]), HttpStatusCode.Created);
        var statistics = await anyone.GetJsonAsync("/api/v1/public/statistics");
        Assert.That(statistics.GetProperty("all").GetProperty("accepted").GetInt32(), Is.EqualTo(1));
        Assert.That(statistics.GetProperty("agencies")[0].GetProperty("agency").GetString(), Is.EqualTo("UB.P.HOANKIEM"));
        var indicators = statistics.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("national").GetBoolean());
        Assert.That((indicators["onTimeRate"], indicators["satisfactionRate"], indicators["ratingsSatisfiedRate"]), Is.EqualTo((true, true, false)));
        Assert.That(statistics.GetRawText(), Does.Not.Contain("Nguyễn Thị Hoa").And.Not.Contain("0912"), "counts only");
        var tooLong = await anyone.GetJsonAsync("/api/v1/public/statistics?from=2024-01-01&to=2026-01-01", HttpStatusCode.BadRequest);
        Assert.That(tooLong.GetProperty("errors").TryGetProperty("from", out _), Is.True);
    }

    private static Dictionary<string, object?> Dossier(string procedure, string[] documents) => new()
    {
        ["procedureCode"] = procedure,
        ["channel"] = "counter",
        ["locality"] = "P.HOANKIEM",
        ["applicant"] = new { fullName = "Nguyễn Thị Hoa", idNumber = "001190000003", phone = "0912000111" },
        ["documents"] = documents.Select(d => new { id = d }),
        ["delivery"] = "branch",
    };

    private static async Task<string> TaskAsync(ApiClient client, string element, string dossierCode)
    {
        var inbox = await client.GetJsonAsync("/api/v1/tasks/inbox");
        return inbox.EnumerateArray().Single(t => t.GetProperty("elementId").GetString() == element && t.GetProperty("dossierCode").GetString() == dossierCode)
            .GetProperty("id").GetString()!;
    }
}
