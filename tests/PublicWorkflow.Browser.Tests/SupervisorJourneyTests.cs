using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.Runtime.Tests.Support;
using static PublicWorkflow.Runtime.Tests.Support.ManualClock;

namespace PublicWorkflow.Browser.Tests;

/// <summary>The supervisor sees an overdue appraisal in the escalation queue and gives it to a named officer.</summary>
public sealed class SupervisorJourneyTests
{
    [Test]
    public async Task The_supervisor_reassigns_an_overdue_task_from_the_escalation_queue()
    {
        var clock = new ManualClock(Hanoi(2026, 10, 5, 9));
        await using var server = new LiveServer(clock);
        var api = new ApiSteps(server.BaseAddress);
        var (code, _) = await api.ReceiveAsync("clerk.cn01");
        await api.CompleteNextAsync("clerk.cn01", code);

        // Two days later the appraisal (due Tuesday 6/10 17:00) is overdue; the sweep raises it.
        clock.Set(Hanoi(2026, 10, 7, 9));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DossierDeadlines>().RaiseDueAsync(clock.GetUtcNow());
        }

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.PageAsync(server.BaseAddress);
        await Browser.SignInAsync(page, "supervisor", "supervisor.html");

        var alert = page.Locator("#alerts tr[data-kind=step-overdue]", new PageLocatorOptions { HasText = code });
        await Assertions.Expect(alert).ToBeVisibleAsync();
        // Day/month/year, whatever the browser's locale.
        await Assertions.Expect(page.Locator("#to")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d{2}/\d{2}/\d{4}$"));
        // An unconfirmed holiday of the calendar is shown until an administrator decides it.
        await Assertions.Expect(page.Locator("#uncertain-days li[data-date='2026-11-24']")).ToContainTextAsync("24/11/2026");
        await page.FillAsync("#from", "01/10/2026");
        await page.FillAsync("#to", "31/10/2026");
        await page.ClickAsync("#period button[type=submit]");
        await Assertions.Expect(page.Locator("#measures tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#measures tbody tr")).ToContainTextAsync("UB.P.HOANKIEM");
        await Browser.ScreenshotAsync(page, "supervisor-dashboard");

        await alert.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Giao lại" }).ClickAsync();
        var assignee = alert.GetByRole(AriaRole.Combobox, new LocatorGetByRoleOptions { Name = "Giao cho" });
        await Assertions.Expect(assignee.Locator("option")).ToHaveCountAsync(2);
        await Assertions.Expect(assignee.Locator("option")).ToContainTextAsync(["clerk.hoankiem", "lead.hoankiem"]);
        await assignee.SelectOptionAsync("clerk.hoankiem");
        await alert.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Giao", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#alerts-error")).ToBeHiddenAsync();
        await Assertions.Expect(alert.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Giao lại" })).ToBeEnabledAsync();
        Assert.That(await api.AssigneeAsync("supervisor", code, "Task_Appraise"), Is.EqualTo("clerk.hoankiem"));

        await alert.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Đã xử lý" }).ClickAsync();
        await Assertions.Expect(alert).ToHaveCountAsync(0);
        Assert.That(browser.ConsoleErrors, Is.Empty, "console errors");
    }
}
