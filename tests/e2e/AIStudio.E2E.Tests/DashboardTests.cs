using Microsoft.Playwright;

namespace AIStudio.E2E.Tests;

/// <summary>The dashboard and the tokens page in a real browser: forms work with the keyboard and mouse as people use them.</summary>
[Collection(BrowserTests.Name)]
public sealed class DashboardTests(Browser browser)
{
    [Fact]
    public async Task A_notebook_uploaded_from_the_dashboard_is_listed_renamed_and_opened()
    {
        var page = await browser.NewPageAsync();
        await Browser.SignUpAsync(page, "dash" + Guid.NewGuid().ToString("N")[..8]);

        await page.GetByLabel("New folder").FillAsync("week 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create folder" }).ClickAsync();
        await page.Locator("#dashboard-notice").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "week 1" }).ClickAsync();

        await page.GetByLabel("File to upload").SetInputFilesAsync(new FilePayload
        {
            Name = "hello.ipynb",
            MimeType = "application/x-ipynb+json",
            Buffer = """{"cells": [{"cell_type": "markdown", "id": "a1", "metadata": {}, "source": "# Hello from an upload"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"""u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await page.Locator("#dashboard-notice").Filter(new() { HasText = "Uploaded hello.ipynb" }).WaitForAsync();

        await page.Locator("summary[aria-label='Rename hello.ipynb']").ClickAsync();
        await page.GetByLabel("New name").FillAsync("greeting.ipynb");
        await page.Locator("tr[data-path='week 1/hello.ipynb'] form button[type=submit]").First.ClickAsync();
        await page.Locator("tr[data-path='week 1/greeting.ipynb']").WaitForAsync();
        Assert.Contains("Storage", await page.Locator("#plan-panel").InnerTextAsync(), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "home-files");

        await page.GetByRole(AriaRole.Link, new() { Name = "greeting.ipynb", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/notebooks/week%201/greeting.ipynb");
        await page.Locator(".jp-MarkdownOutput h1").Filter(new() { HasText = "Hello from an upload" }).WaitForAsync();

        await page.GotoAsync("/hub/tokens");
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("VS Code");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        Assert.Matches("^[0-9a-f]{32,}$", (await page.Locator("#new-token").InnerTextAsync()).Trim());
        await Browser.ScreenshotAsync(page, "tokens");
    }
}
