using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PublicWorkflow.OneStop.Messages;
using PublicWorkflow.OneStop.Results;
using PublicWorkflow.OneStop.Tests.Support;

namespace PublicWorkflow.Browser.Tests;

/// <summary>
/// The citizen's whole journey from home on a phone (issue 15): sign up and verify with the e-mailed code, file online
/// with two uploads, the point accepts, the agency asks for a supplement, the citizen uploads it, the result is signed,
/// the citizen downloads it and verifies the file, and rates; an e-mail arrives at each step at a real SMTP server, and
/// each portal view passes the accessibility audit.
/// </summary>
public sealed partial class PortalJourneyTests
{
    private static readonly byte[] Scan = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Test]
    public async Task A_citizen_files_from_home_supplements_downloads_and_verifies_the_result_and_rates_with_an_e_mail_at_each_step()
    {
        using var smtp = new TestSmtpServer();
        await using var server = new LiveServer(settings: new Dictionary<string, string?>
        {
            ["PublicWorkflow:Messages:SmtpHost"] = "127.0.0.1", ["PublicWorkflow:Messages:SmtpPort"] = smtp.Port.ToString(),
            ["PublicWorkflow:Messages:SmtpSecurity"] = "none",
        });
        var steps = new ApiSteps(server.BaseAddress);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.PageAsync(server.BaseAddress, 390, 844);
        var violations = new List<string>();
        async Task<string> MailAsync(string subject)
        {
            using (var scope = server.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<MessageDispatcher>().RunDueAsync(DateTimeOffset.UtcNow);
            }
            var mail = await smtp.ArrivedAsync();
            Assert.That(mail.Subject, Does.Contain(subject));
            Assert.That(mail.To.ToString(), Does.Contain("lan.pham@example.vn"));
            return mail.TextBody ?? "";
        }

        await page.GotoAsync("/portal");
        await page.FillAsync("#up-name", "Phạm Thị Lan");
        await page.FillAsync("#up-contact", "lan.pham@example.vn");
        await page.FillAsync("#up-password", "mat-khau-cua-lan");
        await page.PressAsync("#up-password", "Enter");
        await Assertions.Expect(page.Locator("#verify-card")).ToBeVisibleAsync();
        var code = SixDigits().Match(await MailAsync("Mã xác minh")).Value;
        // Keyboard only from here: the code field has the focus.
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("Phạm Thị Lan");

        await page.ClickAsync("#tab-file");
        await page.SelectOptionAsync("#procedure", "1.004873");
        await Assertions.Expect(page.Locator("#procedure-name")).ToContainTextAsync("tình trạng hôn nhân");
        await page.SelectOptionAsync("#locality", "P.HOANKIEM");
        await page.SelectOptionAsync("#point", "CN01");
        await page.Locator("#doc-declaration").SetInputFilesAsync(new FilePayload { Name = "to-khai.png", MimeType = "image/png", Buffer = Scan });
        await page.Locator("#doc-divorce-proof").SetInputFilesAsync(new FilePayload { Name = "quyet-dinh.png", MimeType = "image/png", Buffer = Scan });
        await page.CheckAsync("#delivery-online");
        violations.AddRange(await AccessibilityTests.AuditAsync(page, "/portal#file"));
        await Browser.ScreenshotAsync(page, "portal-file");
        await page.ClickAsync("#filing button[type=submit]");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("2 tệp");
        await Assertions.Expect(page.Locator("#d-status")).ToHaveTextAsync("Mới nộp");
        var dossierId = page.Url.Split("#dossier/")[1];

        // The receiving point's clerk accepts it from the online inbox of the clerk's page.
        var clerk = await browser.PageAsync(server.BaseAddress);
        await Browser.SignInAsync(clerk, "clerk.cn01", "clerk.html");
        var filing = clerk.Locator($"#online tr[data-dossier='{dossierId}']");
        await Assertions.Expect(filing).ToContainTextAsync("Phạm Thị Lan");
        await Browser.ScreenshotAsync(clerk, "clerk-online-inbox");
        await filing.Locator("button[data-decision=accept]").ClickAsync();
        await Assertions.Expect(clerk.Locator("#received-title")).ToHaveTextAsync("Đã tiếp nhận hồ sơ");
        var dossierCode = await clerk.Locator("#received-code").InnerTextAsync();
        await Assertions.Expect(filing).ToHaveCountAsync(0);
        Assert.That(await MailAsync($"Hồ sơ {dossierCode} đã được tiếp nhận"), Does.Contain("Ngày hẹn trả kết quả"));
        await steps.CompleteNextAsync("clerk.cn01", dossierCode);
        await steps.CompleteNextAsync("clerk.hoankiem", dossierCode, new { decision = "supplement", missing = new[] { "authorisation" } });
        await MailAsync("đề nghị bổ sung");

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#d-status")).ToHaveTextAsync("Yêu cầu bổ sung");
        await Assertions.Expect(page.Locator("#d-missing")).ToContainTextAsync("Văn bản ủy quyền");
        await page.SelectOptionAsync("#d-component", "authorisation");
        await page.Locator("#d-file").SetInputFilesAsync(new FilePayload { Name = "uy-quyen.png", MimeType = "image/png", Buffer = Scan });
        await page.ClickAsync("#d-upload-button");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("uy-quyen.png");
        violations.AddRange(await AccessibilityTests.AuditAsync(page, "/portal#dossier (supplement)"));
        await Browser.ScreenshotAsync(page, "portal-supplement");
        await page.ClickAsync("#d-supplement");
        await Assertions.Expect(page.Locator("#d-status")).Not.ToHaveTextAsync("Yêu cầu bổ sung");

        await steps.CompleteNextAsync("clerk.hoankiem", dossierCode);
        await steps.CompleteNextAsync("clerk.hoankiem", dossierCode);
        using (var scope = server.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ElectronicResults>().RunDueAsync(DateTimeOffset.UtcNow);
        }
        await MailAsync("đã có kết quả");
        await steps.CompleteNextAsync("clerk.hoankiem", dossierCode);
        await steps.CompleteNextAsync("clerk.cn01", dossierCode);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#d-status")).ToHaveTextAsync("Đã trả kết quả");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#d-result-download"));
        var resultFile = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.That(resultFile[..5], Is.EqualTo("%PDF-"u8.ToArray()), "the signed PDF");
        await page.ClickAsync("#d-rating label[for=s5]");
        await page.FillAsync("#d-comment", "Nhanh, không phải đi lại");
        await page.ClickAsync("#d-rating button[type=submit]");
        await Assertions.Expect(page.Locator("#d-rated")).ToHaveTextAsync("Bạn đã đánh giá: 5/5. Cảm ơn!");
        // The satisfaction survey of the returned dossier, in the portal.
        await Assertions.Expect(page.Locator("#survey-form")).ToBeVisibleAsync();
        violations.AddRange(await AccessibilityTests.AuditAsync(page, "/portal#dossier (returned)"));
        foreach (var choice in await page.Locator("#survey-form input[type=radio][value='5']").AllAsync())
        {
            await choice.CheckAsync();
        }
        await page.ClickAsync("#survey-form button[type=submit]");
        await Assertions.Expect(page.Locator("#d-survey")).ToContainTextAsync("Cảm ơn ông/bà đã trả lời khảo sát.");
        await Browser.ScreenshotAsync(page, "portal-returned");

        // The downloaded file itself, checked on the public verification page.
        await page.GotoAsync("/verify.html");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "ket-qua.pdf", MimeType = "application/pdf", Buffer = resultFile });
        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("HỢP LỆ");
        Assert.That(violations, Is.Empty);
        Assert.That(browser.ConsoleErrors, Is.Empty);
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
