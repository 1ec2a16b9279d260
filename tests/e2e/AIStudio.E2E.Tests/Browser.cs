using AIStudio.TestKit;
using Microsoft.Playwright;

namespace AIStudio.E2E.Tests;

/// <summary>
/// The hub process and Debian's Chromium (headless, driven by Playwright for .NET; no browser download), shared by the
/// browser tests. Screenshots go to TestResults/e2e.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly List<string> _console = [];
    private IPlaywright? _playwright;

    public HubProcess Hub { get; } = new();

    public IBrowser Chromium { get; private set; } = null!;

    public static string Screenshots { get; } = Path.Combine(RepositoryLayout.RootDirectory, "TestResults", "e2e");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new FileNotFoundException($"{ChromiumPath} is missing: install Debian's chromium package (the test command does).", ChromiumPath);
        }

        Directory.CreateDirectory(Screenshots);
        await Hub.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (its own cookies: one person) with a laptop-sized window.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Hub.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
        });
        // Generous: CI runs this on two busy cores, and the first notebook page compiles a large bundle.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => KeepConsole($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => KeepConsole($"page error: {error}");
        return page;
    }

    /// <summary>Signs a new person up with the sign-up form; ends on their dashboard.</summary>
    public static async Task SignUpAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/hub/signup");
        await page.GetByLabel("Username").FillAsync(name);
        await page.GetByLabel("Password").FillAsync("a long enough passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/hub/home");
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }

        _playwright?.Dispose();
        await Hub.DisposeAsync();
        lock (_console)
        {
            File.WriteAllLines(Path.Combine(Screenshots, "browser-console.log"), _console);
        }
    }

    private void KeepConsole(string line)
    {
        lock (_console)
        {
            _console.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}");
        }
    }
}
