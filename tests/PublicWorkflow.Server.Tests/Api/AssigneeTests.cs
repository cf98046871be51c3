using PublicWorkflow.OneStop.Persistence;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>A step given to a named person: the person must exist when the version is published, and the supervisor can always move the task.</summary>
public sealed class AssigneeTests
{
    private static readonly string Standard = File.ReadAllText(Path.Combine(Repo.Workflows, "one-stop-standard.bpmn"));

    private static string AppraisalAssignedTo(string attribute) =>
        Standard.Replace("pwf:stage=\"appraise\" pwf:candidateRole=\"specialist\"", $"pwf:stage=\"appraise\" pwf:candidateRole=\"specialist\" {attribute}");

    [TestCase("pwf:assignee=\"chairman\"")]
    [TestCase("camunda:assignee=\"chairman\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"")]
    public async Task A_step_assigned_to_an_account_that_does_not_exist_is_a_problem_on_its_element_and_cannot_be_published(string attribute)
    {
        await using var factory = new ServerFactory();
        var officer = await ApiClient.SignInAsync(factory, "officer");
        var draft = await DefinitionsApiTests.PutXmlAsync(officer, "/api/v1/definitions/one-stop-standard/draft", AppraisalAssignedTo(attribute), HttpStatusCode.OK);
        Assert.That(draft.GetProperty("valid").GetBoolean(), Is.False);
        var problem = draft.GetProperty("problems").EnumerateArray().Single();
        Assert.That((problem.GetProperty("code").GetString(), problem.GetProperty("elementId").GetString()), Is.EqualTo(("unknown-assignee", "Task_Appraise")));
        Assert.That(problem.GetProperty("reason").GetString(), Does.Contain("chairman"));
        var refused = await officer.PostJsonAsync("/api/v1/definitions/one-stop-standard/draft/publish", null, HttpStatusCode.BadRequest);
        Assert.That(refused.GetProperty("problems")[0].GetProperty("code").GetString(), Is.EqualTo("unknown-assignee"));
        Assert.That((await officer.GetJsonAsync("/api/v1/definitions/one-stop-standard/versions")).EnumerateArray().Count(v => v.GetProperty("status").GetString() == "published"),
            Is.EqualTo(1));
    }

    [Test]
    public async Task When_the_named_assignee_leaves_the_supervisor_gives_the_task_to_someone_else()
    {
        await using var factory = new ServerFactory();
        var officer = await ApiClient.SignInAsync(factory, "officer");
        await DefinitionsApiTests.PutXmlAsync(officer, "/api/v1/definitions/one-stop-standard/draft", AppraisalAssignedTo("pwf:assignee=\"clerk.hoankiem\""), HttpStatusCode.OK);
        await officer.PostJsonAsync("/api/v1/definitions/one-stop-standard/draft/publish", null, HttpStatusCode.Created);

        var clerk = await ApiClient.SignInAsync(factory, "clerk.cn01");
        var received = await clerk.PostJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = "1.004873", locality = "P.HOANKIEM", applicant = new { fullName = "Lý Văn Hùng" }, documents = new[] { new { id = "declaration" } },
        }, HttpStatusCode.Created);
        var digitized = await clerk.PostJsonAsync($"/api/v1/tasks/{received.GetProperty("openedTasks")[0].GetString()}/complete", new { });
        var appraisal = digitized.GetProperty("openedTasks")[0].GetString();
        var supervisor = await ApiClient.SignInAsync(factory, "supervisor");
        Assert.That((await supervisor.GetJsonAsync($"/api/v1/tasks/{appraisal}")).GetProperty("assignee").GetString(), Is.EqualTo("clerk.hoankiem"));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OneStopDbContext>().StaffUsers.Where(u => u.UserName == "clerk.hoankiem")
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Active, false));
        }
        await supervisor.PostJsonAsync($"/api/v1/tasks/{appraisal}/reassign", new { assignee = "lead.hoankiem" });
        var lead = await ApiClient.SignInAsync(factory, "lead.hoankiem");
        var inbox = await lead.GetJsonAsync("/api/v1/tasks/inbox");
        Assert.That(inbox.EnumerateArray().Select(t => t.GetProperty("id").GetString()), Does.Contain(appraisal));
    }
}
