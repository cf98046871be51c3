using Microsoft.Playwright;

namespace PublicWorkflow.Browser.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser). Every page's console errors are collected and
/// must be none; screenshots are attached to the test as artifacts.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    public List<string> ConsoleErrors { get; } = [];

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"{Chromium} is missing: run the tests with tools/test.sh, which installs Debian's chromium");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new Browser(playwright, browser);
    }

    /// <summary>A page of the given size (a phone is 390×844) that records console errors and failed requests.</summary>
    public async Task<IPage> PageAsync(Uri baseAddress, int width = 1280, int height = 800)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => ConsoleErrors.Add($"{page.Url}: {error}");
        return page;
    }

    /// <summary>Signs in on the sign-in page as a demo account and waits for the role's landing page.</summary>
    public static async Task SignInAsync(IPage page, string user, string landing)
    {
        await page.GotoAsync("/staff/login.html");
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", PublicWorkflow.Server.Security.DemoUsers.Accounts.Single(a => a.User == user).Password);
        await page.ClickAsync("#login button[type=submit]");
        await page.WaitForURLAsync($"**/staff/{landing}");
        await Assertions.Expect(page.Locator("#me")).Not.ToBeEmptyAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, name);
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
