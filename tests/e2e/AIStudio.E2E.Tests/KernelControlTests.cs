using AIStudio.TestKit;
using Microsoft.Playwright;

namespace AIStudio.E2E.Tests;

/// <summary>Stopping a runaway cell from the notebook page.</summary>
[Collection(BrowserTests.Name)]
public sealed class KernelControlTests(Browser browser)
{
    [Fact]
    public async Task The_interrupt_button_stops_a_long_cell_and_the_kernel_goes_on()
    {
        var page = await OpenNotebookAsync("spin.ipynb");
        var cell = page.Locator(".jp-Notebook .jp-Cell").First;
        await cell.Locator(".cm-content").ClickAsync();
        await page.Keyboard.TypeAsync("Console.WriteLine(\"spinning\"); while (true) { }");
        await page.Keyboard.PressAsync("Shift+Enter");
        await page.Locator(".jp-OutputArea-output").Filter(new() { HasText = "spinning" }).First.WaitForAsync(new() { Timeout = (float)Timeouts.FirstExecute.TotalMilliseconds });
        await page.Locator("#aistudio-kernel-status[data-status='busy']").WaitForAsync();

        await page.Locator("[data-command='interrupt']").ClickAsync();
        await page.Locator("#aistudio-kernel-status[data-status='idle']").WaitForAsync(new() { Timeout = (float)Timeouts.Request.TotalMilliseconds });
        await Browser.ScreenshotAsync(page, "notebook-interrupted");

        var next = page.Locator(".jp-Notebook .jp-Cell").Nth(1);
        await next.Locator(".cm-content").ClickAsync();
        await page.Keyboard.TypeAsync("\"still here\"");
        await page.Keyboard.PressAsync("Shift+Enter");
        await page.Locator(".jp-OutputArea-output").Filter(new() { HasText = "still here" }).First.WaitForAsync();
    }

    [Fact]
    public async Task A_free_user_choosing_the_gpu_kernel_is_told_it_is_not_in_their_plan()
    {
        var page = await OpenNotebookAsync("gpu.ipynb");
        await page.Locator("[data-command='change-kernel']").ClickAsync();
        var dialog = page.Locator(".jp-Dialog");
        var gpu = dialog.Locator("select option").Filter(new() { HasText = "C# on GPU (AI Studio)" });
        Assert.EndsWith("not in the Free plan", (await gpu.InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await dialog.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = (await gpu.InnerTextAsync()).Trim() });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Select" }).ClickAsync();

        var banner = page.Locator(".aistudio-banner[data-banner='kernel-refused']");
        await banner.WaitForAsync(new() { Timeout = (float)Timeouts.Request.TotalMilliseconds });
        Assert.Contains("GPU kernels are not part of the Free plan", await banner.InnerTextAsync(), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "notebook-gpu-refused");
    }

    /// <summary>A new Free user with a notebook (made through the API with a token of theirs), opened with ?token=, its kernel idle.</summary>
    private async Task<IPage> OpenNotebookAsync(string path)
    {
        var token = await browser.Hub.NewUserAsync("k" + Guid.NewGuid().ToString("N")[..10]);
        await browser.Hub.SaveNotebookAsync(token, path, [new { cell_type = "code", source = "", metadata = new { }, outputs = Array.Empty<object>(), execution_count = (int?)null }]);

        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/notebooks/{path}?token={token}");
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        await page.Locator("#aistudio-kernel-status[data-status='idle']").WaitForAsync(new() { Timeout = (float)Timeouts.Ready.TotalMilliseconds });
        return page;
    }
}
