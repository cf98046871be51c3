using Microsoft.Playwright;

namespace PublicWorkflow.Browser.Tests;

/// <summary>
/// The Customer Support and Care hub in the browser (issue 16): a citizen sends feedback from a phone, the support agent
/// classifies it and routes it to the ward, the ward answers and approves, the agent publishes it, and the citizen reads
/// the answer and rates it; the public and staff feedback pages pass the accessibility audit.
/// </summary>
public sealed class SupportHubJourneyTests
{
    /// <summary>A 1×1 PNG: the photo a citizen attaches.</summary>
    private static readonly byte[] Scan = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Test]
    public async Task A_support_agent_routes_an_item_the_ward_answers_it_and_the_published_answer_reaches_the_citizen()
    {
        await using var server = new LiveServer();
        await using var browser = await Browser.LaunchAsync();
        var citizen = await browser.PageAsync(server.BaseAddress, 390, 844);
        var violations = new List<string>();

        await citizen.GotoAsync("/feedback.html");
        await citizen.FillAsync("#subject", "Giờ làm việc thứ Bảy");
        await citizen.FillAsync("#text", "Đề nghị chi nhánh mở cửa sáng thứ Bảy để người đi làm nộp hồ sơ.");
        await citizen.FillAsync("#email", "lan.pham@example.vn");
        await citizen.Locator("#attachment").SetInputFilesAsync(new FilePayload { Name = "hang-doi.png", MimeType = "image/png", Buffer = Scan });
        await citizen.ClickAsync("#send button[type=submit]");
        await Assertions.Expect(citizen.Locator("#receipt")).ToBeVisibleAsync();
        var code = await citizen.Locator("#r-code").InnerTextAsync();
        violations.AddRange(await AccessibilityTests.AuditAsync(citizen, "/feedback.html"));
        await Browser.ScreenshotAsync(citizen, "citizen-feedback");

        var staff = await browser.PageAsync(server.BaseAddress);
        await Browser.SignInAsync(staff, "support", "feedback.html");
        await Step(staff, code, async () =>
        {
            await Assertions.Expect(staff.Locator("#d-attachment a")).ToHaveTextAsync("hang-doi.png");
            await staff.CheckAsync("input[name=classification][value=accept]");
            await staff.SelectOptionAsync("#f-category", "policy");
            await staff.SelectOptionAsync("#f-agency", "UB.P.HOANKIEM");
        });
        await Assertions.Expect(staff.Locator($"#items tr[data-code='{code}']")).ToContainTextAsync("Cơ quan đang xử lý");
        await Browser.ScreenshotAsync(staff, "support-hub");
        violations.AddRange(await AccessibilityTests.AuditAsync(staff, "/staff/feedback.html"));
        await staff.ClickAsync("#logout");
        await staff.WaitForURLAsync("**/staff/login.html");

        await Browser.SignInAsync(staff, "clerk.hoankiem", "clerk.html");
        await staff.GotoAsync("/staff/feedback.html");
        await Step(staff, code, () => staff.FillAsync("#f-answer-text", "Từ tháng 1/2027 Chi nhánh số 3 tiếp nhận hồ sơ sáng thứ Bảy."));
        await Step(staff, code, () => staff.CheckAsync("input[name=approval][value=approve]"));
        await staff.ClickAsync("#logout");
        await staff.WaitForURLAsync("**/staff/login.html");

        await Browser.SignInAsync(staff, "support", "feedback.html");
        await Step(staff, code, () => staff.FillAsync("#f-question", "Đề nghị mở cửa sáng thứ Bảy"));
        await Assertions.Expect(staff.Locator($"#items tr[data-code='{code}']")).ToContainTextAsync("Đã công khai");

        await citizen.ReloadAsync();
        await Assertions.Expect(citizen.Locator("#published")).ToContainTextAsync("sáng thứ Bảy");
        Assert.That(await citizen.Locator("#published").InnerTextAsync(), Does.Not.Contain("lan.pham"));
        await citizen.FillAsync("#l-code", code);
        await citizen.FillAsync("#l-secret", await SecretAsync(server, code));
        await citizen.ClickAsync("#lookup button[type=submit]");
        await Assertions.Expect(citizen.Locator("#i-answer")).ToContainTextAsync("Chi nhánh số 3");
        await citizen.ClickAsync("#rate label[for=f5]");
        await citizen.ClickAsync("#rate button[type=submit]");
        await Assertions.Expect(citizen.Locator("#notice")).ToHaveTextAsync("Cảm ơn bạn đã đánh giá.");
        // The hub's counts on the public statistics page: one received, published; nothing personal.
        await citizen.GotoAsync("/statistics.html");
        await Assertions.Expect(citizen.Locator("#hub-card")).ToBeVisibleAsync();
        await Assertions.Expect(citizen.Locator("#hub-measures tbody tr").First).ToContainTextAsync("100%");
        Assert.That(await citizen.Locator("main").InnerTextAsync(), Does.Not.Contain("lan.pham"));
        violations.AddRange(await AccessibilityTests.AuditAsync(citizen, "/statistics.html (hub)"));
        Assert.That(violations, Is.Empty);
        Assert.That(browser.ConsoleErrors, Is.Empty);
    }

    /// <summary>Opens the item on the feedback page, fills its open step's form, completes it.</summary>
    private static async Task Step(IPage page, string code, Func<Task> fill)
    {
        await page.Locator($"#items tr[data-code='{code}'] button").ClickAsync();
        await Assertions.Expect(page.Locator("#step")).ToBeVisibleAsync();
        await fill();
        var name = await page.Locator("#step-name").InnerTextAsync();
        await page.ClickAsync("#step button[type=submit]");
        // Done when the item shows its next step, or none that is this person's.
        await page.WaitForFunctionAsync("name => document.querySelector('#step').hidden || document.querySelector('#step-name').textContent !== name", name);
        Assert.That(await page.Locator("#error").IsHiddenAsync(), Is.True, await page.Locator("#error").InnerTextAsync());
    }

    /// <summary>The secret as the receipt showed it, read back from the store (the citizen's page cleared it on reload).</summary>
    private static async Task<string> SecretAsync(LiveServer server, string code)
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(server.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PublicWorkflow.OneStop.Persistence.OneStopDbContext>(scope.ServiceProvider);
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Feedback.Where(f => f.Code == code).Select(f => f.Secret));
    }
}
