using Microsoft.Playwright;

namespace PublicWorkflow.Browser.Tests;

/// <summary>The citizen's journey on a phone-sized screen: track a returned dossier by its code, rate it once, in both languages.</summary>
public sealed class CitizenJourneyTests
{
    [Test]
    public async Task A_citizen_tracks_a_returned_dossier_and_rates_it_once_on_a_phone()
    {
        await using var server = new LiveServer();
        var (code, key) = await new ApiSteps(server.BaseAddress).ReturnedDossierAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.PageAsync(server.BaseAddress, 390, 844);

        await page.GotoAsync("/");
        await page.ClickAsync("a[href='/track']");
        await page.WaitForURLAsync("**/track.html");
        // The shared header: the center's name and a way home.
        await Assertions.Expect(page.Locator("header h1")).ToHaveTextAsync("Trung tâm Phục vụ hành chính công thành phố Hà Nội");
        await Assertions.Expect(page.Locator("header a.home")).ToHaveTextAsync("Trang chủ");
        await page.FillAsync("#code", code);
        await page.FillAsync("#key", "0000-0000-0000");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#error")).ToHaveTextAsync("Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này.");
        await page.FillAsync("#key", key.ToLowerInvariant());
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Đã trả kết quả");
        await Assertions.Expect(page.Locator("#timeliness")).ToHaveTextAsync("Đúng hạn");
        await Assertions.Expect(page.Locator("#level")).ToHaveTextAsync("—");
        await Browser.ScreenshotAsync(page, "citizen-track-vi");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.That(text, Does.Not.Contain("Trần Văn Bí Mật").And.Not.Contain("001099000777"), "no personal data on the public page");

        await page.ClickAsync("label[for=r5]");
        await page.FillAsync("#comment", "Nhanh, tận tình");
        await page.ClickAsync("#rating button[type=submit]");
        await Assertions.Expect(page.Locator("#thanks")).ToBeVisibleAsync();

        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Returned");
        await Assertions.Expect(page.Locator("header h1")).ToHaveTextAsync("Hanoi Public Administration Service Center");
        await Assertions.Expect(page.Locator("#rated")).ToHaveTextAsync("This dossier has been rated.");
        await Assertions.Expect(page.Locator("#rating")).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "citizen-track-en");

        await page.FillAsync("#code", "NOPE-000000-0000");
        await page.ClickAsync("#lookup button[type=submit]");
        await Assertions.Expect(page.Locator("#error")).ToHaveTextAsync("No dossier has this code and lookup key.");

        // The receipt's QR code opens the page with code and key filled in, and the key does not stay in the address bar.
        await page.GotoAsync($"/track?code={code}&key={key}");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Returned");
        Assert.That(page.Url, Does.Not.Contain(key));
        // The wrong key's and the unknown code's 404s are the errors the browser may log.
        Assert.That(browser.ConsoleErrors.Where(e => !e.Contains("404")), Is.Empty, "console errors");

        await page.GotoAsync("/catalog.html");
        await Assertions.Expect(page.Locator("#procedures tbody tr")).ToHaveCountAsync(26);
        await Assertions.Expect(page.Locator("header h1")).ToHaveTextAsync("Catalog of administrative procedures");
        await Assertions.Expect(page.Locator("header a.home")).ToHaveAttributeAsync("href", "/");
        // Labels in the page's language, not codes; the "*" explained; no sideways scrolling on the phone.
        var certification = page.Locator("#procedures tr[data-code='2.000815']");
        await Assertions.Expect(certification).ToContainTextAsync("Certification");
        await Assertions.Expect(certification).ToContainTextAsync("Same day");
        await Assertions.Expect(page.Locator("#legend")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#online option[value=full]")).ToHaveTextAsync("Fully online");
        Assert.That(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390), "the catalog fits the phone");
        await Browser.ScreenshotAsync(page, "citizen-catalog");
        await page.ClickAsync("#procedures tr[data-code='2.000815'] a");
        await Assertions.Expect(page.Locator("#detail-fee")).ToContainTextAsync("200.000 đ");
        await Assertions.Expect(page.Locator("#detail-measures")).ToBeHiddenAsync();
        Assert.That(browser.ConsoleErrors.Where(e => !e.Contains("404")), Is.Empty, "console errors on the catalog");
    }

    /// <summary>Where to file, on a phone: the ward's own center first; and the public statistics with their chart and their formulas.</summary>
    [Test]
    public async Task A_citizen_finds_where_to_file_and_reads_the_public_statistics_on_a_phone()
    {
        await using var server = new LiveServer();
        await new ApiSteps(server.BaseAddress).ReturnedDossierAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.PageAsync(server.BaseAddress, 390, 844);

        await page.GotoAsync("/");
        await page.ClickAsync("a[href='/points.html']");
        await Assertions.Expect(page.Locator("#procedure option")).ToHaveCountAsync(27);
        await page.SelectOptionAsync("#procedure", "1.001193");
        await page.FillAsync("#locality", "P.BACHMAI");
        await page.ClickAsync("#search button[type=submit]");
        await Assertions.Expect(page.Locator("#points li").First).ToContainTextAsync("Trung tâm Phục vụ hành chính công Phường Bạch Mai");
        await Assertions.Expect(page.Locator("#points li").First).ToContainTextAsync("Phục vụ phường/xã của ông/bà");
        Assert.That(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), Is.True, "fits a phone");
        await Browser.ScreenshotAsync(page, "citizen-points");

        await page.GotoAsync("/statistics.html");
        await Assertions.Expect(page.Locator("#agencies tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#chart svg rect")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#definitions")).ToContainTextAsync("công thức quốc gia");
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Not.Contain("Trần Văn Bí Mật"), "counts only");
        Assert.That(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), Is.True, "fits a phone");
        await Browser.ScreenshotAsync(page, "citizen-statistics");
        Assert.That(browser.ConsoleErrors, Is.Empty, "console errors");
    }
}
