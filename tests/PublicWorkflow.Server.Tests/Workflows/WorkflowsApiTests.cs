using System.Net;
using System.Net.Http.Json;
using PublicWorkflow.Server.Tests.Api;
using PublicWorkflow.Server.Workflows;

namespace PublicWorkflow.Server.Tests.Workflows;

public sealed class WorkflowsApiTests
{
    private string folder = "";

    [SetUp]
    public void MakeFolder()
    {
        folder = Directory.CreateTempSubdirectory("pwf-workflows-").FullName;
        File.WriteAllText(Path.Combine(folder, "good.bpmn"), """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:pwf="urn:publicworkflow:bpmn:1.0" id="D">
              <process id="good" name="Good" isExecutable="true">
                <startEvent id="s" /><userTask id="t" pwf:candidateRole="clerk" /><endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" />
              </process>
            </definitions>
            """);
        File.WriteAllText(Path.Combine(folder, "no-role.bpmn"), """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">
              <process id="no-role" isExecutable="true">
                <startEvent id="s" /><userTask id="t" /><endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" />
              </process>
            </definitions>
            """);
        File.WriteAllText(Path.Combine(folder, "broken.bpmn"), "<definitions");
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    private static async Task<HttpClient> StaffClientAsync(ServerFactory factory) => (await ApiClient.SignInAsync(factory, "officer")).Http;

    [Test]
    public async Task Strangers_cannot_list_the_workflows()
    {
        await using var factory = Factory();
        var anonymous = factory.CreateClient();
        Assert.That((await anonymous.GetAsync("/api/v1/workflows")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await anonymous.GetAsync("/api/v1/workflows/good")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private ServerFactory Factory() => new(new Dictionary<string, string?> { ["PublicWorkflow:WorkflowsDirectory"] = folder });

    [Test]
    public async Task The_repository_workflows_are_listed_as_valid()
    {
        await using var factory = new ServerFactory();
        var list = await (await StaffClientAsync(factory)).GetFromJsonAsync<List<WorkflowSummaryDto>>("/api/v1/workflows");

        Assert.That(list!.Select(w => w.Key), Is.SupersetOf(new[] { "birth-registration", "business-household-registration", "construction-permit-house" }));
        Assert.That(list!.Where(w => !w.Valid), Is.Empty);
    }

    [Test]
    public async Task Each_workflow_comes_with_its_validation_status_and_problems()
    {
        await using var factory = Factory();
        var list = await (await StaffClientAsync(factory)).GetFromJsonAsync<List<WorkflowSummaryDto>>("/api/v1/workflows");

        Assert.That(list!.Select(w => (w.Key, w.Valid)), Is.EqualTo(new[] { ("broken", false), ("good", true), ("no-role", false) }));
        var problem = list!.Single(w => w.Key == "no-role").Problems.Single();
        Assert.That((problem.Code, problem.ElementId, problem.Line), Is.EqualTo(("missing-role", "t", 3)));
        Assert.That(list!.Single(w => w.Key == "broken").Problems.Single().Code, Is.EqualTo("not-bpmn"));
    }

    [Test]
    public async Task Reasons_follow_accept_language()
    {
        await using var factory = Factory();
        var client = (await StaffClientAsync(factory));

        var vietnamese = await client.GetFromJsonAsync<WorkflowSummaryDto>("/api/v1/workflows/no-role");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var english = await client.GetFromJsonAsync<WorkflowSummaryDto>("/api/v1/workflows/no-role");

        Assert.That(vietnamese!.Problems.Single().Reason, Does.Contain("vai trò"));
        Assert.That(english!.Problems.Single().Reason, Does.Contain("candidate role"));
    }

    [Test]
    public async Task An_edited_file_is_read_again()
    {
        await using var factory = Factory();
        var client = (await StaffClientAsync(factory));
        Assert.That((await client.GetFromJsonAsync<WorkflowSummaryDto>("/api/v1/workflows/good"))!.Valid, Is.True);

        File.WriteAllText(Path.Combine(folder, "good.bpmn"), File.ReadAllText(Path.Combine(folder, "no-role.bpmn")) + "\n");

        Assert.That((await client.GetFromJsonAsync<WorkflowSummaryDto>("/api/v1/workflows/good"))!.Valid, Is.False);
    }

    [Test]
    public async Task An_unknown_workflow_is_a_404_problem()
    {
        await using var factory = Factory();
        var response = await (await StaffClientAsync(factory)).GetAsync("/api/v1/workflows/missing");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    [TestCase(".hidden")]
    [TestCase("-dash")]
    [TestCase("a%20b")]
    public async Task A_malformed_key_is_a_400_naming_the_field(string key)
    {
        await using var factory = Factory();
        var response = await (await StaffClientAsync(factory)).GetAsync("/api/v1/workflows/" + key);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"key\""));
    }
}
