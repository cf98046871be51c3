using Microsoft.Playwright;

namespace PublicWorkflow.Browser.Tests;

/// <summary>
/// A reform officer opens the shared one-stop workflow in the designer, breaks and fixes a step's role, lengthens the
/// appraisal's time limit, rewrites a decision path's condition, publishes version 2 and sees the comparison with version 1.
/// </summary>
public sealed class OfficerJourneyTests
{
    [Test]
    public async Task An_officer_edits_a_workflow_fixes_a_validation_error_publishes_version_2_and_compares()
    {
        await using var server = new LiveServer();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.PageAsync(server.BaseAddress, 1400, 1000);
        await Browser.SignInAsync(page, "officer", "officer.html");

        await page.SelectOptionAsync("#key", "one-stop-standard");
        await page.ClickAsync("#choose button[type=submit]");
        var appraise = page.Locator("#canvas [data-element-id=Task_Appraise]");
        await Assertions.Expect(appraise).ToBeVisibleAsync();
        Assert.That(await page.Locator(".bjs-powered-by").CountAsync(), Is.EqualTo(2 + 1), "the bpmn.io watermark stays on every diagram");

        // Remove the appraisal's role: the server refuses it, on that element.
        await appraise.ClickAsync();
        await page.FillAsync("#fields input[name='pwf:candidateRole']", "");
        await page.Locator("#fields input[name='pwf:candidateRole']").DispatchEventAsync("change");
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#problems li[data-element=Task_Appraise]")).ToContainTextAsync("Task_Appraise");
        await Assertions.Expect(page.Locator("#canvas .djs-element.problem[data-element-id=Task_Appraise]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#publish")).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "officer-problem");

        // Fix it and give the appraisal a time limit of its own.
        await page.ClickAsync("#problems li[data-element=Task_Appraise]");
        await page.FillAsync("#fields input[name='pwf:candidateRole']", "specialist");
        await page.Locator("#fields input[name='pwf:candidateRole']").DispatchEventAsync("change");
        await page.FillAsync("#fields input[name='pwf:timeLimit']", "3");
        await page.Locator("#fields input[name='pwf:timeLimit']").DispatchEventAsync("change");
        await page.SelectOptionAsync("#fields select[name='pwf:timeLimitUnit']", "workingDays");

        // A decision path's condition: a half-typed one is refused on the flow, then completed.
        var supplementPath = page.Locator("#canvas [data-element-id=Flow_Supplement]");
        var box = await supplementPath.BoundingBoxAsync() ?? throw new AssertionException("the supplement path is not drawn");
        // A vertical line has no width to click "in": click on the line itself, away from its label.
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + 12);
        await Assertions.Expect(page.Locator("#properties h3")).ToHaveTextAsync("Thuộc tính nhánh");
        var condition = page.Locator("#fields textarea[name=condition]");
        await Assertions.Expect(condition).ToHaveValueAsync("decision === 'supplement'");
        await condition.FillAsync("decision ===");
        await condition.DispatchEventAsync("change");
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#problems li[data-element=Flow_Supplement]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#canvas .djs-connection.problem[data-element-id=Flow_Supplement]")).ToHaveCountAsync(1);
        // A word no step sends is refused too: the condition could never hold.
        await page.ClickAsync("#problems li[data-element=Flow_Supplement]");
        await condition.FillAsync("decision === 'suplement'");
        await condition.DispatchEventAsync("change");
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#problems li[data-element=Flow_Supplement]")).ToContainTextAsync("suplement");
        await page.ClickAsync("#problems li[data-element=Flow_Supplement]");
        await condition.FillAsync("decision === 'supplement' && missing.length > 0");
        await condition.DispatchEventAsync("change");
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#check-ok")).ToBeVisibleAsync();
        await page.ClickAsync("#publish");
        await Assertions.Expect(page.Locator("#published")).ToHaveTextAsync("Đã ban hành phiên bản 2");

        await page.SelectOptionAsync("#from-version", "1");
        await page.SelectOptionAsync("#to-version", "2");
        await page.ClickAsync("#compare button[type=submit]");
        await Assertions.Expect(page.Locator("#changes")).ToContainTextAsync("Task_Appraise");
        await Assertions.Expect(page.Locator("#changes")).ToContainTextAsync("time limit: - -> 3 workingDays");
        await Assertions.Expect(page.Locator("#figures")).ToContainTextAsync("3");
        await Assertions.Expect(page.Locator("#after .djs-element.changed[data-element-id=Task_Appraise]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#changes")).ToContainTextAsync("Gateway_Decision → Flow_Supplement");
        await Assertions.Expect(page.Locator("#after .djs-connection.changed[data-element-id=Flow_Supplement]")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(page, "officer-comparison");

        // The catalog: search, a procedure's documents, its versions and its indicators, and back to the designer.
        await page.ClickAsync("a[href='/catalog.html']");
        await page.FillAsync("#q", "thường trú");
        await page.ClickAsync("#filter button[type=submit]");
        await page.ClickAsync("#procedures tr[data-code='1.004222'] a");
        await Assertions.Expect(page.Locator("#detail-documents")).ToContainTextAsync("national-population-db");
        await Assertions.Expect(page.Locator("#detail-versions")).ToContainTextAsync("one-stop-standard v2");
        await Assertions.Expect(page.Locator("#detail-measures")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "officer-catalog");
        await page.ClickAsync("#detail-designer");
        await page.WaitForURLAsync("**/staff/officer.html?key=one-stop-standard");
        await Assertions.Expect(page.Locator("#canvas [data-element-id=Task_Appraise]")).ToBeVisibleAsync();
        Assert.That(browser.ConsoleErrors, Is.Empty, "console errors");
    }
}
