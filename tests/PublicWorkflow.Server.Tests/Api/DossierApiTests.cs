using System.Net;
using System.Text.Json;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>Every staff and public capability end to end through HTTP, on SQLite and on PostgreSQL.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class DossierApiTests(string provider) : ApiSuite(provider)
{
    private ApiClient reception = null!;
    private ApiClient agency = null!;

    [SetUp]
    public async Task SignInAsync()
    {
        reception = await ApiClient.SignInAsync(factory, "clerk.cn01");
        agency = await ApiClient.SignInAsync(factory, "clerk.hoankiem");
    }

    [Test]
    public async Task A_dossier_goes_from_reception_to_rating_through_the_API()
    {
        var received = await ReceiveAsync("1.004873", ["declaration"]);
        var id = received.GetProperty("dossierId").GetString();
        var code = received.GetProperty("code").GetString()!;
        Assert.That(code, Does.StartWith("UB.P.HOANKIEM-"));
        Assert.That(received.GetProperty("status").GetInt32(), Is.EqualTo(2));
        Assert.That(received.GetProperty("appointment").GetString(), Does.EndWith("+07:00"), "times carry their offset");

        var byCode = await reception.GetJsonAsync($"/api/v1/dossiers/by-code/{code}");
        Assert.That(byCode.GetProperty("id").GetString(), Is.EqualTo(id));

        // Digitize at the branch: claim with an idempotency key (a retry is the same answer), then complete.
        var digitize = await OnlyTaskAsync(reception, "Task_Digitize");
        var claimed = await reception.PostJsonAsync($"/api/v1/tasks/{digitize}/claim", null, idempotencyKey: "claim-1");
        var again = await reception.PostJsonAsync($"/api/v1/tasks/{digitize}/claim", null, idempotencyKey: "claim-1");
        Assert.That(again.GetProperty("caseRevision").GetInt32(), Is.EqualTo(claimed.GetProperty("caseRevision").GetInt32()));
        await reception.PostJsonAsync($"/api/v1/tasks/{digitize}/complete", new { outputs = new { pages = 2 } });
        var twice = await reception.PostJsonAsync($"/api/v1/tasks/{digitize}/complete", null, HttpStatusCode.Conflict);
        Assert.That(twice.GetProperty("code").GetString(), Is.EqualTo("task-closed"));

        // Appraise at the commune: a stale If-Match is refused; a supplement request pauses the dossier.
        var appraise = await OnlyTaskAsync(agency, "Task_Appraise");
        await agency.PostJsonAsync($"/api/v1/tasks/{appraise}/complete", null, HttpStatusCode.PreconditionFailed, ifMatch: "\"41\"");
        await agency.PostJsonAsync($"/api/v1/tasks/{appraise}/request-supplement", new { missing = new[] { "Bản sao quyết định ly hôn / Divorce decision" } });
        var waiting = await reception.GetJsonAsync($"/api/v1/dossiers/{id}");
        Assert.That((waiting.GetProperty("status").GetInt32(), waiting.GetProperty("clockPaused").GetBoolean()), Is.EqualTo((5, true)));
        var etag = (await reception.Http.GetAsync($"/api/v1/dossiers/{id}")).Headers.ETag!.Tag;
        await reception.PostJsonAsync($"/api/v1/dossiers/{id}/supplement", new { documents = new[] { new { id = "divorce-proof" } } }, ifMatch: etag);

        foreach (var (client, step, outputs) in new (ApiClient, string, object?)[]
                 {
                     (agency, "Task_Appraise", new { decision = "approve" }),
                     (agency, "Task_Decide", null),
                     (agency, "Task_HandBack", null),
                     (reception, "Task_Return", null),
                 })
        {
            await client.PostJsonAsync($"/api/v1/tasks/{await OnlyTaskAsync(client, step)}/complete", new { outputs });
        }
        var returned = await reception.GetJsonAsync($"/api/v1/dossiers/{id}");
        Assert.That(returned.GetProperty("status").GetInt32(), Is.EqualTo(10));

        var sheet = await reception.GetJsonAsync($"/api/v1/dossiers/{id}/tracking-sheet");
        Assert.That(sheet.GetArrayLength(), Is.EqualTo(6));
        Assert.That((await reception.GetJsonAsync($"/api/v1/dossiers/{id}/audit")).GetArrayLength(), Is.GreaterThan(6));
        var receipt = await reception.Http.GetAsync($"/api/v1/dossiers/{id}/papers/receipt");
        Assert.That(receipt.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        Assert.That(await receipt.Content.ReadAsStringAsync(), Does.Contain(code));

        // The public side: track and rate once, no sign-in.
        var citizen = await ApiClient.SignInAsync(factory, null);
        var key = returned.GetProperty("lookupKey").GetString();
        var tracked = await citizen.GetJsonAsync($"/api/v1/public/dossiers/{code}?key={key}");
        Assert.That((tracked.GetProperty("status").GetInt32(), tracked.GetProperty("canRate").GetBoolean()), Is.EqualTo((10, true)));
        await citizen.PostJsonAsync($"/api/v1/public/dossiers/{code}/rating?key={key}", new { rating = 5, comment = "Nhanh" }, HttpStatusCode.NoContent);
        await citizen.PostJsonAsync($"/api/v1/public/dossiers/{code}/rating?key={key}", new { rating = 1 }, HttpStatusCode.Conflict);

        var supervisor = await ApiClient.SignInAsync(factory, "supervisor");
        var list = await supervisor.GetJsonAsync("/api/v1/dossiers?status=returned");
        Assert.That(list.GetProperty("total").GetInt32(), Is.EqualTo(1));
        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd");
        var csv = await supervisor.Http.GetStringAsync($"/api/v1/supervision/measures?from={today}&to={today}&groupBy=agency&format=csv");
        Assert.That(csv, Does.StartWith("group,received,accepted,resolved").And.Contain("UB.P.HOANKIEM,1,1,1"));
        var measures = await supervisor.GetJsonAsync($"/api/v1/supervision/measures?from={today}&to={today}");
        Assert.That(measures[0].GetProperty("satisfactionRate").GetDecimal(), Is.EqualTo(1m));
    }

    [Test]
    public async Task An_incomplete_dossier_is_answered_with_everything_missing_and_a_printable_request()
    {
        var received = await ReceiveAsync("1.004222", []);
        Assert.That(received.GetProperty("status").GetInt32(), Is.Zero, "guided to complete: not registered, not status 3");
        Assert.That(received.GetProperty("missing").GetArrayLength(), Is.EqualTo(2));
        var paper = await reception.Http.GetStringAsync($"/api/v1/dossiers/{received.GetProperty("dossierId").GetString()}/papers/supplement-request");
        Assert.That(paper, Does.Contain("PHIẾU YÊU CẦU BỔ SUNG"));
    }

    [Test]
    public async Task Staff_see_only_their_agency_or_branch_and_a_team_lead_can_reassign_to_someone_of_the_agency()
    {
        var police = await ReceiveAsync("1.004222", ["ct01", "accommodation-proof"]);
        var policeId = police.GetProperty("dossierId").GetString();
        var forbidden = await agency.GetJsonAsync($"/api/v1/dossiers/{policeId}", HttpStatusCode.Forbidden);
        Assert.That(forbidden.GetProperty("code").GetString(), Is.EqualTo("outside-scope"));
        await (await ApiClient.SignInAsync(factory, "officer")).GetJsonAsync($"/api/v1/dossiers/{policeId}", HttpStatusCode.Forbidden);

        var mine = await ReceiveAsync("1.004873", ["declaration"]);
        await reception.PostJsonAsync($"/api/v1/tasks/{await OnlyTaskAsync(reception, "Task_Digitize", mine.GetProperty("code").GetString())}/complete", null);
        var appraise = await OnlyTaskAsync(agency, "Task_Appraise");
        var lead = await ApiClient.SignInAsync(factory, "lead.hoankiem");
        var assignees = await lead.GetJsonAsync($"/api/v1/tasks/{appraise}/assignees");
        Assert.That(assignees.EnumerateArray().Select(a => (a.GetProperty("userName").GetString(), a.GetProperty("hasStepRole").GetBoolean())),
            Is.EqualTo(new[] { ("clerk.hoankiem", true), ("lead.hoankiem", true) }), "the commune's clerk and team lead, not the branch's clerk");
        await lead.PostJsonAsync($"/api/v1/tasks/{appraise}/reassign", new { assignee = "nobody" }, HttpStatusCode.BadRequest);
        await lead.PostJsonAsync($"/api/v1/tasks/{appraise}/reassign", new { assignee = "clerk.cn01" }, HttpStatusCode.BadRequest);
        await lead.PostJsonAsync($"/api/v1/tasks/{appraise}/reassign", new { assignee = "clerk.hoankiem" });
        var task = await agency.GetJsonAsync($"/api/v1/tasks/{appraise}");
        Assert.That((task.GetProperty("assignee").GetString(), task.GetProperty("state").GetString()), Is.EqualTo(("clerk.hoankiem", "claimed")));

        var withdrawn = await reception.PostJsonAsync($"/api/v1/dossiers/{mine.GetProperty("dossierId").GetString()}/withdraw", new { reason = "Không còn nhu cầu" });
        Assert.That(withdrawn.GetProperty("status").GetInt32(), Is.EqualTo(7));
    }

    [Test]
    public async Task The_catalog_and_structure_are_open_to_everyone()
    {
        var anyone = await ApiClient.SignInAsync(factory, null);
        var found = await anyone.GetJsonAsync("/api/v1/procedures?q=khai%20sinh");
        Assert.That(found.EnumerateArray().Select(p => p.GetProperty("code").GetString()), Does.Contain("1.001193"));
        var english = await anyone.GetJsonAsync("/api/v1/procedures?q=residence&sector=residence");
        Assert.That(english.GetArrayLength(), Is.EqualTo(2));
        var residence = await anyone.GetJsonAsync("/api/v1/procedures/1.004222");
        Assert.That(residence.GetProperty("documents").EnumerateArray().Any(d => d.GetProperty("fetchableFrom").GetString() == "national-population-db"));
        Assert.That(residence.GetProperty("workflowVersions").GetArrayLength(), Is.EqualTo(1));
        Assert.That((await anyone.GetJsonAsync("/api/v1/structure/branches?on=2026-12-01")).GetArrayLength(), Is.EqualTo(1 + 12 + 126),
            "the headquarters, 12 branches and 126 commune centers");
        var districts = (await anyone.GetJsonAsync("/api/v1/structure/agencies?on=2025-06-30&level=district")).EnumerateArray().ToList();
        Assert.That(districts.Count(a => a.GetProperty("kind").GetString() == "people-committee"), Is.EqualTo(30), "the 30 districts' People's Committees");
        Assert.That(districts.Count(a => a.GetProperty("kind").GetString() == "police"), Is.EqualTo(30), "and their police, until 30/6/2025");
        Assert.That((await anyone.GetJsonAsync("/api/v1/structure/agencies?on=2025-07-01&level=district")).GetArrayLength(), Is.Zero, "no district level after");
    }

    private Task<JsonElement> ReceiveAsync(string procedure, string[] documents) =>
        reception.PostJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = procedure,
            channel = "counter",
            locality = "P.HOANKIEM",
            applicant = new { fullName = "Trần Thị Bình", idNumber = "001190000002", phone = "0987654321", address = "12 Hàng Bạc" },
            documents = documents.Select(d => new { id = d, fromNationalDatabase = d == "accommodation-proof" }),
            delivery = "branch",
        }, HttpStatusCode.Created);

    /// <summary>The task of the step in the caller's inbox (of the given dossier, when several are open).</summary>
    private static async Task<string> OnlyTaskAsync(ApiClient client, string element, string? dossierCode = null)
    {
        var inbox = await client.GetJsonAsync("/api/v1/tasks/inbox");
        return inbox.EnumerateArray().Single(t => t.GetProperty("elementId").GetString() == element
            && (dossierCode is null || t.GetProperty("dossierCode").GetString() == dossierCode)).GetProperty("id").GetString()!;
    }
}
