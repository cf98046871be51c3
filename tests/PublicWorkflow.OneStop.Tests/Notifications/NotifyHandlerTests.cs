using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Runtime.Tests;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.OneStop.Tests.Notifications;

[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class NotifyHandlerTests(string provider) : RuntimeSuite(provider)
{
    [Test]
    public async Task A_non_interrupting_reminder_runs_its_handler_and_leaves_the_task_open()
    {
        await Host.PublishAsync("three-steps", TestWorkflows.ThreeSteps(reminder: "PT1S"));
        var started = await StartCaseAsync("three-steps");
        await CompleteAsync((await OpenTaskAsync(started.CaseId, "receive")).Id);

        await Host.WaitForAsync(db => db.Notifications.AnyAsync(n => n.CaseId == started.CaseId.Value), "the agency is notified");

        var notice = await Host.DbAsync(db => db.Notifications.AsNoTracking().SingleAsync());
        Assert.That((notice.Recipient, notice.Template), Is.EqualTo(("agency", "appraisal-overdue")));
        Assert.That((await OpenTaskAsync(started.CaseId, "appraise")).State, Is.EqualTo(TaskState.Open));
    }
}
