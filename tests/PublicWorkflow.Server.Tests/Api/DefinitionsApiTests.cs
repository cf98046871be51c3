using System.Net;
using System.Text;
using System.Text.Json;
using PublicWorkflow.Engine.Tests.Support;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>Reform officers' design loop over HTTP: draft, validate, fix, publish, compare.</summary>
public sealed class DefinitionsApiTests
{
    public const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">&lol3;</process></definitions>
        """;

    public const string ExternalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" name="&xxe;" /></definitions>
        """;

    [Test]
    public async Task An_officer_drafts_fixes_publishes_and_compares_a_version()
    {
        await using var factory = new ServerFactory();
        var officer = await ApiClient.SignInAsync(factory, "officer");
        var original = File.ReadAllText(Path.Combine(Repo.Workflows, "one-stop-standard.bpmn"));
        await ResolveOneDossierOnVersion1Async(factory);

        // A draft that drops the role of the appraisal step: saved, with the problem on its element and line.
        var broken = original.Replace("pwf:stage=\"appraise\" pwf:candidateRole=\"specialist\"", "pwf:stage=\"appraise\"");
        var draft = await PutXmlAsync(officer, "/api/v1/definitions/one-stop-standard/draft", broken, HttpStatusCode.OK);
        Assert.That(draft.GetProperty("valid").GetBoolean(), Is.False);
        var problem = draft.GetProperty("problems")[0];
        Assert.That((problem.GetProperty("code").GetString(), problem.GetProperty("elementId").GetString()), Is.EqualTo(("missing-role", "Task_Appraise")));
        Assert.That(problem.GetProperty("line").GetInt32(), Is.GreaterThan(0));
        var refused = await officer.PostJsonAsync("/api/v1/definitions/one-stop-standard/draft/publish", null, HttpStatusCode.BadRequest);
        Assert.That(refused.GetProperty("problems")[0].GetProperty("elementId").GetString(), Is.EqualTo("Task_Appraise"));

        // Fixed and simplified: the hand-back step is merged into the decision.
        var simplified = original.Replace("Phê duyệt, ký kết quả / Decide and sign", "Phê duyệt, ký và chuyển kết quả / Decide, sign and hand back");
        var fixedDraft = await PutXmlAsync(officer, "/api/v1/definitions/one-stop-standard/draft", simplified, HttpStatusCode.OK);
        Assert.That(fixedDraft.GetProperty("valid").GetBoolean(), Is.True);
        var published = await officer.PostJsonAsync("/api/v1/definitions/one-stop-standard/draft/publish", null, HttpStatusCode.Created);
        Assert.That(published.GetProperty("version").GetInt32(), Is.EqualTo(2));

        var versions = await officer.GetJsonAsync("/api/v1/definitions/one-stop-standard/versions");
        Assert.That(versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()), Is.EqualTo(new[] { 2, 1 }), "the draft is gone once published");
        var xml = await officer.Http.GetStringAsync("/api/v1/definitions/one-stop-standard/versions/2");
        Assert.That(xml, Does.Contain("Decide, sign and hand back"));

        var comparison = await officer.GetJsonAsync("/api/v1/definitions/one-stop-standard/compare?from=1&to=2");
        var change = comparison.GetProperty("stepChanges").EnumerateArray().Single();
        Assert.That((change.GetProperty("elementId").GetString(), change.GetProperty("change").GetString()), Is.EqualTo(("Task_Decide", "changed")));
        Assert.That(comparison.GetProperty("handoffs").GetInt32(), Is.EqualTo(comparison.GetProperty("handoffsAfter").GetInt32()));
        Assert.That(comparison.GetProperty("steps").GetInt32(), Is.EqualTo(6));
        Assert.That(comparison.GetProperty("history").GetProperty("resolved").GetInt32(), Is.EqualTo(1), "the dossier resolved on version 1");
        Assert.That(comparison.GetProperty("history").GetProperty("averageWorkingDays").GetDecimal(), Is.GreaterThanOrEqualTo(0m));
        Assert.That(comparison.GetProperty("historyAfter").GetProperty("resolved").GetInt32(), Is.Zero);
        Assert.That(comparison.GetProperty("requiredDocuments").GetInt32(), Is.GreaterThan(20), "the catalog's procedures on the shared workflow");
    }

    /// <summary>A dossier of the shared workflow received and stepped through to its return (on version 1).</summary>
    private static async Task ResolveOneDossierOnVersion1Async(ServerFactory factory)
    {
        var branch = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var ward = await ApiClient.SignInAsync(factory, "clerk.hoankiem");
        var received = await branch.PostJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = "1.004873", locality = "P.HOANKIEM", applicant = new { fullName = "Vũ Văn E" }, documents = new[] { new { id = "declaration" } },
        }, HttpStatusCode.Created);
        var task = received.GetProperty("openedTasks")[0].GetString();
        foreach (var client in new[] { branch, ward, ward, ward, branch })
        {
            var done = await client.PostJsonAsync($"/api/v1/tasks/{task}/complete", new { outputs = new { decision = "approve" } });
            task = done.GetProperty("openedTasks").GetArrayLength() > 0 ? done.GetProperty("openedTasks")[0].GetString() : null;
        }
    }

    /// <summary>A workflow slower than the law (issue 13): the officer is warned, and may still publish.</summary>
    [Test]
    public async Task A_draft_whose_steps_exceed_the_legal_limit_comes_back_valid_with_a_warning_and_publishes()
    {
        await using var factory = new ServerFactory();
        var officer = await ApiClient.SignInAsync(factory, "officer");
        var slower = File.ReadAllText(Path.Combine(Repo.Workflows, "construction-permit-house.bpmn")).Replace(
            """pwf:timeLimit="2" pwf:timeLimitUnit="workingDays" pwf:form="permit/appraise" """, """pwf:timeLimit="6" pwf:timeLimitUnit="workingDays" pwf:form="permit/appraise" """);
        officer.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var draft = await PutXmlAsync(officer, "/api/v1/definitions/construction-permit-house/draft", slower, HttpStatusCode.OK);
        Assert.That(draft.GetProperty("valid").GetBoolean(), Is.True, "a warning does not make a draft invalid");
        var warning = draft.GetProperty("problems").EnumerateArray().Single();
        Assert.That((warning.GetProperty("code").GetString(), warning.GetProperty("severity").GetString()), Is.EqualTo(("over-statutory-limit", "warning")));
        Assert.That(warning.GetProperty("reason").GetString(), Does.Contain("11 working days"));
        await officer.PostJsonAsync("/api/v1/definitions/construction-permit-house/draft/publish", null, HttpStatusCode.Created);
    }

    [TestCase(BillionLaughs, TestName = "Billion laughs is refused")]
    [TestCase(ExternalEntity, TestName = "An external entity is refused")]
    [TestCase("not xml at all", TestName = "Text that is not XML is refused")]
    public async Task Hostile_or_broken_XML_is_a_400_and_saves_nothing(string body)
    {
        await using var factory = new ServerFactory();
        var officer = await ApiClient.SignInAsync(factory, "officer");
        var answer = await PutXmlAsync(officer, "/api/v1/definitions/hostile/draft", body, HttpStatusCode.BadRequest);
        Assert.That(answer.GetProperty("code").GetString(), Is.EqualTo("not-bpmn"));
        await officer.GetJsonAsync("/api/v1/definitions/hostile/versions", HttpStatusCode.OK);
        Assert.That((await officer.GetJsonAsync("/api/v1/definitions/hostile/versions")).GetArrayLength(), Is.Zero);
    }

    internal static async Task<JsonElement> PutXmlAsync(ApiClient client, string path, string xml, HttpStatusCode expected)
    {
        using var response = await client.Http.PutAsync(path, new StringContent(xml, Encoding.UTF8, "application/xml"));
        return await ApiClient.ReadAsync(response, expected, $"PUT {path}");
    }
}
