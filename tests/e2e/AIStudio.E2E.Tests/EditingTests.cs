using AIStudio.TestKit;
using Microsoft.Playwright;

namespace AIStudio.E2E.Tests;

/// <summary>Editing with the kernel's help, and the errors people can act on: a save that would overwrite newer work, a kernel that died.</summary>
[Collection(BrowserTests.Name)]
public sealed class EditingTests(Browser browser)
{
    [Fact]
    public async Task Tab_completes_from_the_kernel_and_shift_tab_shows_the_documentation()
    {
        var (page, _) = await OpenWithKernelAsync("complete.ipynb");
        await page.Locator(".jp-Notebook .jp-Cell .cm-content").First.ClickAsync();
        await page.Keyboard.TypeAsync("Console.WriteL");
        // One match (WriteLine) is inserted at once. The kernel's first completions can be slow on a busy machine and the
        // page drops answers later than its timeout: press Tab again then, as a person would.
        var editor = page.Locator(".jp-Notebook .jp-Cell .cm-content").First;
        for (var attempt = 1; ; attempt++)
        {
            await page.Keyboard.PressAsync("Tab");
            try
            {
                await Assertions.Expect(editor).ToContainTextAsync("Console.WriteLine", new() { Timeout = 10_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
        await Browser.ScreenshotAsync(page, "notebook-completion");

        // The cursor ends the method's name: Shift+Tab asks the kernel to inspect it.
        await page.Keyboard.PressAsync("Shift+Tab");
        var tooltip = page.Locator(".jp-Tooltip");
        await tooltip.WaitForAsync(new() { Timeout = (float)Timeouts.Request.TotalMilliseconds });
        Assert.Contains("WriteLine", await tooltip.InnerTextAsync(), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "notebook-inspect");
    }

    [Fact]
    public async Task Saving_over_a_newer_file_asks_whether_to_overwrite_or_revert()
    {
        var (page, token) = await OpenWithKernelAsync("shared.ipynb");
        await page.Locator(".jp-Notebook .jp-Cell .cm-content").First.ClickAsync();
        await page.Keyboard.TypeAsync("// typed in the browser");

        // Someone (another tab, a script) saves the file meanwhile.
        // JupyterLab calls a file changed only when the disk copy is more than 500 ms newer than its own: someone saves later.
        await Task.Delay(1100);
        await browser.Hub.SaveNotebookAsync(token, "shared.ipynb", [new { cell_type = "markdown", id = "x1", metadata = new { }, source = "saved elsewhere" }]);

        await page.Keyboard.PressAsync("Control+s");
        var dialog = page.Locator(".jp-Dialog");
        await dialog.Filter(new() { HasText = "File Changed" }).WaitForAsync();
        await Browser.ScreenshotAsync(page, "notebook-save-conflict");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revert" }).ClickAsync();
        await Assertions.Expect(page.Locator(".jp-Notebook .jp-Cell").First).ToContainTextAsync("saved elsewhere");
        Assert.Equal(1, await page.Locator(".jp-Notebook .jp-Cell").CountAsync());
    }

    [Fact]
    public async Task A_kernel_that_dies_is_announced_with_a_restart_button_that_works()
    {
        var (page, _) = await OpenWithKernelAsync("crash.ipynb");
        await page.Locator(".jp-Notebook .jp-Cell .cm-content").First.ClickAsync();
        await page.Keyboard.TypeAsync("System.Environment.Exit(3);");
        await page.Keyboard.PressAsync("Shift+Enter");

        var banner = page.Locator(".aistudio-banner[data-banner='kernel-dead']");
        await banner.WaitForAsync(new() { Timeout = (float)Timeouts.Request.TotalMilliseconds });
        await Browser.ScreenshotAsync(page, "notebook-kernel-died");
        await banner.GetByRole(AriaRole.Button, new() { Name = "Restart kernel" }).ClickAsync();
        await page.Locator("#aistudio-kernel-status[data-status='idle']").WaitForAsync(new() { Timeout = (float)Timeouts.Ready.TotalMilliseconds });
        await Assertions.Expect(banner).ToHaveCountAsync(0);

        await page.Locator(".jp-Notebook .jp-Cell .cm-content").Nth(1).ClickAsync();
        await page.Keyboard.TypeAsync("\"alive again\"");
        await page.Keyboard.PressAsync("Shift+Enter");
        await page.Locator(".jp-OutputArea-output").Filter(new() { HasText = "alive again" }).First.WaitForAsync(new() { Timeout = (float)Timeouts.FirstExecute.TotalMilliseconds });
    }

    [Fact]
    public async Task An_expired_session_is_announced_with_a_sign_in_link_and_the_edits_stay_in_the_page()
    {
        var (page, _) = await OpenWithKernelAsync("expiring.ipynb");
        await page.Locator(".jp-Notebook .jp-Cell .cm-content").First.ClickAsync();
        await page.Keyboard.TypeAsync("// not saved yet");

        // The session cookie is gone (expired, or signed out in another tab): the next save is refused with 401.
        await page.Context.ClearCookiesAsync();
        await page.Keyboard.PressAsync("Control+s");
        var banner = page.Locator(".aistudio-banner[data-banner='session-expired']");
        await banner.WaitForAsync(new() { Timeout = (float)Timeouts.Request.TotalMilliseconds });
        Assert.Contains("/hub/login?next=", await banner.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).GetAttributeAsync("href"), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator(".jp-Notebook .jp-Cell").First).ToContainTextAsync("// not saved yet");
        await Browser.ScreenshotAsync(page, "notebook-session-expired");
    }

    /// <summary>A new Free user's notebook with one empty code cell, opened with ?token=, its kernel idle.</summary>
    private async Task<(IPage Page, string Token)> OpenWithKernelAsync(string path)
    {
        var token = await browser.Hub.NewUserAsync("e" + Guid.NewGuid().ToString("N")[..10]);
        await browser.Hub.SaveNotebookAsync(token, path, [new { cell_type = "code", id = "c1", source = "", metadata = new { }, outputs = Array.Empty<object>(), execution_count = (int?)null }]);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/notebooks/{path}?token={token}");
        await page.Locator("#aistudio-kernel-status[data-status='idle']").WaitForAsync(new() { Timeout = (float)Timeouts.Ready.TotalMilliseconds });
        return (page, token);
    }
}
