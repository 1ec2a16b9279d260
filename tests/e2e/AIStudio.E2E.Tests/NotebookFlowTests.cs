using System.Text.RegularExpressions;
using AIStudio.TestKit;
using Microsoft.Playwright;

namespace AIStudio.E2E.Tests;

/// <summary>What a newcomer does first, in a real browser against the real hub and kernel.</summary>
[Collection(BrowserTests.Name)]
public sealed partial class NotebookFlowTests(Browser browser)
{
    [Fact]
    public async Task Sign_up_create_a_notebook_run_csharp_save_and_find_the_output_after_a_reload()
    {
        var page = await browser.NewPageAsync();
        var name = "e2e" + Guid.NewGuid().ToString("N")[..8];

        await page.GotoAsync("/hub/signup");
        await Browser.ScreenshotAsync(page, "signup");
        await page.GetByLabel("Username").FillAsync(name);
        await page.GetByLabel("Password").FillAsync("a long enough passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/hub/home");
        await Browser.ScreenshotAsync(page, "home-empty");

        await page.GetByRole(AriaRole.Button, new() { Name = "New notebook" }).ClickAsync();
        await page.WaitForURLAsync(NotebookUrl());
        var notebookUrl = page.Url;
        await WaitForKernelAsync(page);

        var cell = page.Locator(".jp-Notebook .jp-Cell").First;
        await cell.Locator(".cm-content").ClickAsync();
        await page.Keyboard.TypeAsync("var answer = 6 * 7;\nConsole.WriteLine($\"The answer is {answer}\");");
        await page.Keyboard.PressAsync("Shift+Enter");
        var output = page.Locator(".jp-OutputArea-output").Filter(new() { HasText = "The answer is 42" });
        await output.First.WaitForAsync(new() { Timeout = (float)Timeouts.FirstExecute.TotalMilliseconds });
        await Browser.ScreenshotAsync(page, "notebook-after-run");

        await page.Keyboard.PressAsync("Control+s");
        await WaitForSavedAsync(page);

        await page.ReloadAsync();
        // A reloaded notebook renders its outputs after its cells (counting as soon as the first cell showed found none
        // once, on a busy machine): wait for the saved output, then check it is there once.
        var reloaded = page.Locator(".jp-OutputArea-output").Filter(new() { HasText = "The answer is 42" });
        await reloaded.First.WaitForAsync();
        Assert.Equal(1, await reloaded.CountAsync());
        Assert.Equal(notebookUrl, page.Url);
        await Browser.ScreenshotAsync(page, "notebook-after-reload");
    }

    [Fact]
    public async Task Another_person_cannot_open_the_first_persons_notebook_url()
    {
        var first = await browser.NewPageAsync();
        await Browser.SignUpAsync(first, "owner" + Guid.NewGuid().ToString("N")[..8]);
        await first.GetByRole(AriaRole.Button, new() { Name = "New notebook" }).ClickAsync();
        await first.WaitForURLAsync(NotebookUrl());
        var path = new Uri(first.Url).AbsolutePath;

        var second = await browser.NewPageAsync();
        await Browser.SignUpAsync(second, "other" + Guid.NewGuid().ToString("N")[..8]);
        var response = await second.GotoAsync(path);
        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        Assert.Equal(0, await second.Locator(".jp-Notebook").CountAsync());
    }

    [Fact]
    public async Task A_page_opened_with_an_api_token_signs_the_browser_in_and_drops_the_token_from_the_address()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/hub/home?token={browser.Hub.AdminToken}");
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        Assert.EndsWith("/hub/home", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "New notebook" }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Members" }).WaitForAsync();
        await Browser.ScreenshotAsync(page, "admin");

        var forged = await browser.NewPageAsync();
        var refused = await forged.GotoAsync("/hub/home?token=not-a-token");
        Assert.Equal(403, refused!.Status);
    }

    /// <summary>The notebook is open and its kernel answers (window.aistudio.ready, the page's own promise).</summary>
    private static async Task WaitForKernelAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.aistudio && window.aistudio.ready", null, new() { Timeout = (float)Timeouts.Ready.TotalMilliseconds });
        await page.EvaluateAsync("() => window.aistudio.ready");
        await page.Locator("#aistudio-kernel-status[data-status='idle']").WaitForAsync(new() { Timeout = (float)Timeouts.Ready.TotalMilliseconds });
    }

    /// <summary>The save reached the server: the notebook is no longer dirty.</summary>
    private static Task WaitForSavedAsync(IPage page) =>
        page.WaitForFunctionAsync("() => window.aistudio && window.aistudio.notebookPanel && !window.aistudio.notebookPanel.context.model.dirty");

    [GeneratedRegex(@"/notebooks/Untitled[0-9]*\.ipynb$")]
    private static partial Regex NotebookUrl();
}
