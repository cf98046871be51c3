using Microsoft.Playwright;

namespace PublicWorkflow.Browser.Tests;

/// <summary>
/// A clerk's day in the browser: sign in, receive a dossier at the branch, print the receipt, step the case through the
/// branch's and the ward's inboxes to its return; the citizen then sees it returned.
/// </summary>
public sealed class ClerkJourneyTests
{
    [Test]
    public async Task A_clerk_receives_a_dossier_prints_the_receipt_and_steps_it_to_resolution()
    {
        await using var server = new LiveServer();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.PageAsync(server.BaseAddress);

        await Browser.SignInAsync(page, "clerk.cn01", "clerk.html");
        await page.SelectOptionAsync("#procedure", "1.004873");
        await Assertions.Expect(page.Locator("input[name=document][value=declaration]")).ToBeVisibleAsync();
        await page.FillAsync("#locality", "P.HOANKIEM");
        await page.FillAsync("#applicant", "Đỗ Thị Hoa");
        await page.FillAsync("#id-number", "001195000123");
        await page.CheckAsync("input[name=document][value=declaration]");
        await page.ClickAsync("#reception button[type=submit]");
        await Assertions.Expect(page.Locator("#received-title")).ToHaveTextAsync("Đã tiếp nhận hồ sơ");
        var code = await page.Locator("#received-code").InnerTextAsync();
        Assert.That(code, Does.Match(@"^UB\.P\.HOANKIEM-\d{6}-\d{4}$"));
        var key = (await page.Locator("#received-key").InnerTextAsync()).Split(": ")[1];
        Assert.That(key, Does.Match("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$"));
        await Browser.ScreenshotAsync(page, "clerk-reception");

        var receipt = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("#received-paper"));
        await Assertions.Expect(receipt.Locator("h1")).ToHaveTextAsync("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
        await Assertions.Expect(receipt.Locator("body")).ToContainTextAsync(code);
        await Assertions.Expect(receipt.Locator("body")).ToContainTextAsync(key);
        await Assertions.Expect(receipt.Locator(".qr svg")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(receipt, "clerk-receipt");
        await receipt.CloseAsync();

        await StepAsync(page, code, "Task_Digitize", "Hoàn thành", claim: true);
        await SignOutAsync(page);

        await Browser.SignInAsync(page, "clerk.hoankiem", "clerk.html");
        await Assertions.Expect(page.Locator("#reception-card")).ToBeHiddenAsync();
        var appraiseRow = page.Locator("#inbox tr[data-element=Task_Appraise]", new PageLocatorOptions { HasText = code });
        await appraiseRow.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Sơ đồ" }).ClickAsync();
        await Assertions.Expect(page.Locator("#diagram .djs-element.current[data-element-id=Task_Appraise]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#diagram .djs-element.done[data-element-id=Task_Digitize]")).ToHaveCountAsync(1);
        Assert.That(await page.EvaluateAsync<bool>("performance.getEntriesByType('resource').some(r => r.name.includes('bpmn-modeler'))"), Is.False,
            "the clerk's page shows diagrams with the viewer, not the designer's modeler");
        // The appraisal's form: first ask for a supplement (listing what is missing), then, once it came, approve.
        await appraiseRow.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Nhận việc" }).ClickAsync();
        await Assertions.Expect(appraiseRow.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Nhận việc" })).ToHaveCountAsync(0);
        await appraiseRow.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Mở phiếu" }).ClickAsync();
        await page.CheckAsync("#task-form input[name=decision][data-outcome=supplement]");
        await page.CheckAsync("#form-missing-documents input[value=divorce-proof]");
        await page.FillAsync("#form-lines", "Giấy xác nhận nơi cư trú của bà Đỗ Thị Hoa");
        await Browser.ScreenshotAsync(page, "clerk-task-form");
        await page.ClickAsync("#task-form button[type=submit]");
        await Assertions.Expect(appraiseRow).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#inbox-error")).ToBeHiddenAsync();

        // The citizen sees the catalog's document by name; the ward's free text (with a name in it) is only on the paper.
        var tracking = await browser.PageAsync(server.BaseAddress, 390, 844);
        await tracking.GotoAsync($"/track.html?code={code}&key={key}");
        await Assertions.Expect(tracking.Locator("#missing-list li")).ToHaveTextAsync("Giấy tờ chứng minh đã ly hôn hoặc người kia đã chết (nếu có)");
        await Assertions.Expect(tracking.Locator("#missing-other")).ToContainTextAsync("1");
        Assert.That(await tracking.Locator("main").InnerTextAsync(), Does.Not.Contain("Đỗ Thị Hoa"));
        await Browser.ScreenshotAsync(tracking, "citizen-track-missing");
        await tracking.CloseAsync();
        await new ApiSteps(server.BaseAddress).DeliverSupplementAsync("clerk.cn01", code, "divorce-proof");
        await page.ClickAsync("#refresh");
        await appraiseRow.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Mở phiếu" }).ClickAsync();
        await page.CheckAsync("#task-form input[name=decision][data-outcome=approve]");
        await page.ClickAsync("#task-form button[type=submit]");
        await Assertions.Expect(appraiseRow).ToHaveCountAsync(0);
        await StepAsync(page, code, "Task_Decide", "Hoàn thành", claim: false);
        await StepAsync(page, code, "Task_HandBack", "Hoàn thành", claim: false);
        await Browser.ScreenshotAsync(page, "clerk-inbox-ward");
        await SignOutAsync(page);

        await Browser.SignInAsync(page, "clerk.cn01", "clerk.html");
        await StepAsync(page, code, "Task_Return", "Hoàn thành", claim: false);

        await page.GotoAsync($"/track.html?code={code}&key={key}");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Đã trả kết quả");
        Assert.That(browser.ConsoleErrors, Is.Empty, "console errors");
    }

    /// <summary>A dossier the point cannot take is refused with reasons (form 03); an incomplete one is guided (form 02), neither registered.</summary>
    [Test]
    public async Task A_clerk_guides_an_incomplete_dossier_and_refuses_one_with_reasons()
    {
        await using var server = new LiveServer();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.PageAsync(server.BaseAddress);
        await Browser.SignInAsync(page, "clerk.cn01", "clerk.html");

        await page.SelectOptionAsync("#procedure", "1.013225");
        await Assertions.Expect(page.Locator("#locality-label")).ToHaveTextAsync("Phường/xã nơi có thửa đất, công trình");
        await page.SelectOptionAsync("#procedure", "1.001456");
        await Assertions.Expect(page.Locator("#locality-row")).ToBeHiddenAsync();
        await page.SelectOptionAsync("#procedure", "1.004873");
        await Assertions.Expect(page.Locator("#locality-row")).ToBeVisibleAsync();
        await page.FillAsync("#locality", "P.HOANKIEM");
        await page.FillAsync("#applicant", "Lê Văn Tám");
        await page.ClickAsync("#reception button[type=submit]");
        await Assertions.Expect(page.Locator("#received-title")).ToHaveTextAsync("Hồ sơ chưa đủ: hướng dẫn bổ sung, hoàn thiện (chưa tiếp nhận)");
        await Assertions.Expect(page.Locator("#received-code")).ToHaveTextAsync("");

        await page.CheckAsync("input[name=document][value=declaration]");
        await page.ClickAsync("#reception summary");
        await page.FillAsync("#refuse-reasons", "Người yêu cầu chưa đủ 18 tuổi");
        await page.ClickAsync("#refuse-to-receive");
        await Assertions.Expect(page.Locator("#received-title")).ToHaveTextAsync("Từ chối tiếp nhận hồ sơ");
        await Assertions.Expect(page.Locator("#received-reasons li")).ToHaveTextAsync("Người yêu cầu chưa đủ 18 tuổi");
        var paper = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("#received-paper"));
        await Assertions.Expect(paper.Locator("h1")).ToHaveTextAsync("PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ");
        await Assertions.Expect(paper.Locator(".form")).ToContainTextAsync("Mẫu số 03");
        await Browser.ScreenshotAsync(paper, "clerk-refusal-to-receive");
        Assert.That(browser.ConsoleErrors, Is.Empty, "console errors");
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.ClickAsync("#logout");
        await page.WaitForURLAsync("**/staff/login.html");
    }

    [Test]
    public async Task A_claim_whose_answer_was_lost_is_retried_by_the_clerk_with_the_same_Idempotency_Key()
    {
        await using var server = new LiveServer();
        var (code, _) = await new ApiSteps(server.BaseAddress).ReceiveAsync("clerk.cn01");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.PageAsync(server.BaseAddress);
        await Browser.SignInAsync(page, "clerk.cn01", "clerk.html");

        var keys = new List<string>();
        await page.RouteAsync("**/claim", async route =>
        {
            keys.Add(route.Request.Headers["idempotency-key"]);
            if (keys.Count == 1)
            {
                await route.AbortAsync("connectionreset");
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        var row = page.Locator("#inbox tr[data-element=Task_Digitize]", new PageLocatorOptions { HasText = code });
        var claim = row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Nhận việc" });
        await claim.ClickAsync();
        await Assertions.Expect(page.Locator("#inbox-error")).ToBeVisibleAsync();
        await claim.ClickAsync();
        await Assertions.Expect(claim).ToHaveCountAsync(0);
        Assert.That(keys, Has.Count.EqualTo(2));
        Assert.That(keys[1], Is.EqualTo(keys[0]), "the retry carries the first attempt's key");
    }

    /// <summary>Claims (optionally) and completes the dossier's step from the inbox, then waits until it has left the inbox.</summary>
    private static async Task StepAsync(IPage page, string code, string element, string action, bool claim)
    {
        var row = page.Locator($"#inbox tr[data-element={element}]", new PageLocatorOptions { HasText = code });
        await Assertions.Expect(row).ToBeVisibleAsync();
        if (claim)
        {
            await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Nhận việc" }).ClickAsync();
            await Assertions.Expect(row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Nhận việc" })).ToHaveCountAsync(0);
        }
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = action, Exact = true }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#inbox-error")).ToBeHiddenAsync();
    }
}
