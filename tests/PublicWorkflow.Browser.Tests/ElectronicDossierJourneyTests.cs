using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PublicWorkflow.OneStop.Results;

namespace PublicWorkflow.Browser.Tests;

/// <summary>
/// The electronic dossier in the browser (issue 14): the clerk scans the declaration at reception, the ward's appraiser
/// views it from the task form, the result is signed, and the public verification page says it is valid.
/// </summary>
public sealed class ElectronicDossierJourneyTests
{
    /// <summary>A 1×1 PNG: a scan as small as a scan can be.</summary>
    private static readonly byte[] Scan = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Test]
    public async Task A_scan_at_reception_is_viewed_by_the_appraiser_and_the_signed_result_verifies_publicly()
    {
        await using var server = new LiveServer();
        var steps = new ApiSteps(server.BaseAddress);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.PageAsync(server.BaseAddress);

        await Browser.SignInAsync(page, "clerk.cn01", "clerk.html");
        await page.SelectOptionAsync("#procedure", "1.004873");
        await page.FillAsync("#locality", "P.HOANKIEM");
        await page.FillAsync("#applicant", "Phạm Thị Lan");
        await page.CheckAsync("input[name=document][value=declaration]");
        await page.ClickAsync("#reception button[type=submit]");
        await Assertions.Expect(page.Locator("#received-title")).ToHaveTextAsync("Đã tiếp nhận hồ sơ");
        var code = await page.Locator("#received-code").InnerTextAsync();
        await page.ClickAsync("#received-files");
        await Assertions.Expect(page.Locator("#files-status")).ToContainTextAsync("Còn phải số hóa");
        await page.Locator("#files-components tr[data-component=declaration] input[type=file]")
            .SetInputFilesAsync(new FilePayload { Name = "to-khai.png", MimeType = "image/png", Buffer = Scan });
        await Assertions.Expect(page.Locator("#files-status")).ToHaveTextAsync("Đã số hóa đủ các thành phần bắt buộc");
        await Assertions.Expect(page.Locator("#files-components tr[data-component=declaration] a")).ToHaveTextAsync("to-khai.png");
        await page.Locator("#files-components tr[data-component=other] input[type=file]")
            .SetInputFilesAsync(new FilePayload { Name = "virus.pdf", MimeType = "application/pdf", Buffer = "MZ not a pdf"u8.ToArray() });
        await Assertions.Expect(page.Locator("#files-error")).ToContainTextAsync("PDF, JPEG, PNG");
        await Browser.ScreenshotAsync(page, "clerk-electronic-dossier");
        await steps.CompleteNextAsync("clerk.cn01", code);
        await page.ClickAsync("#logout");
        await page.WaitForURLAsync("**/staff/login.html");

        await Browser.SignInAsync(page, "clerk.hoankiem", "clerk.html");
        var appraise = page.Locator("#inbox tr[data-element=Task_Appraise]", new PageLocatorOptions { HasText = code });
        await appraise.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Mở phiếu" }).ClickAsync();
        await page.ClickAsync("#files-components tr[data-component=declaration] a");
        await Assertions.Expect(page.Locator("#files-viewer img")).ToBeVisibleAsync();
        Assert.That(await page.Locator("#files-viewer img").EvaluateAsync<int>("img => img.naturalWidth"), Is.EqualTo(1), "the scan itself, shown inline");
        await steps.CompleteNextAsync("clerk.hoankiem", code);
        await steps.CompleteNextAsync("clerk.hoankiem", code);

        using (var scope = server.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ElectronicResults>().RunDueAsync(DateTimeOffset.UtcNow);
        }
        await page.ClickAsync("#refresh");
        var handBack = page.Locator("#inbox tr[data-element=Task_HandBack]", new PageLocatorOptions { HasText = code });
        await handBack.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Hồ sơ điện tử" }).ClickAsync();
        await Assertions.Expect(page.Locator("#files-result")).ToContainTextAsync("/KQ-UB.P.HOANKIEM");
        var number = (await page.Locator("#files-result").InnerTextAsync()).Split(": ")[1].Split(" — ")[0];

        var citizen = await browser.PageAsync(server.BaseAddress, 390, 844);
        await citizen.GotoAsync($"/verify.html?number={Uri.EscapeDataString(number)}");
        await Assertions.Expect(citizen.Locator("#verdict")).ToHaveTextAsync("HỢP LỆ: kết quả do cơ quan có thẩm quyền ban hành và chưa bị thay đổi");
        await Assertions.Expect(citizen.Locator("#details")).ToContainTextAsync("UBND Phường Hoàn Kiếm");
        Assert.That(await citizen.Locator("main").InnerTextAsync(), Does.Not.Contain("Phạm Thị Lan"), "no personal data on the public page");
        await Browser.ScreenshotAsync(citizen, "citizen-verify-valid");
        await citizen.FillAsync("#number", "00001/2099/KQ-NOPE");
        await citizen.ClickAsync("#by-number button[type=submit]");
        await Assertions.Expect(citizen.Locator("#verdict")).ToHaveClassAsync("verdict unknown");
        Assert.That(browser.ConsoleErrors.Where(e => !e.Contains("400")), Is.Empty, "console errors (the refused upload's 400 aside)");
    }
}
