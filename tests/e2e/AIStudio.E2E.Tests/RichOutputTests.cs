using System.Net;
using AIStudio.TestKit;
using Microsoft.Playwright;

namespace AIStudio.E2E.Tests;

/// <summary>Outputs beyond text, drawn offline from what the hub serves: Plotly figures and math.</summary>
[Collection(BrowserTests.Name)]
public sealed class RichOutputTests(Browser browser)
{
    [Fact]
    public async Task A_saved_plotly_figure_and_markdown_math_are_drawn_with_what_the_hub_serves()
    {
        var (page, _) = await OpenAsync("charts.ipynb", new object[]
        {
            new { cell_type = "markdown", id = "m1", metadata = new { }, source = "Euler: $e^{i\\pi} + 1 = 0$" },
            new
            {
                cell_type = "code", id = "c1", metadata = new { }, execution_count = 1, source = "chart",
                outputs = new object[]
                {
                    new
                    {
                        output_type = "display_data", metadata = new { },
                        data = new Dictionary<string, object>
                        {
                            ["application/vnd.plotly.v1+json"] = new
                            {
                                data = new object[] { new { type = "scatter", mode = "markers", x = new[] { 1, 2, 3 }, y = new[] { 2, 4, 8 }, name = "doubling" } },
                                layout = new { title = new { text = "Doubling" } },
                            },
                            ["text/plain"] = "a chart",
                        },
                    },
                },
            },
        });

        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.Locator(".aistudio-plotly .main-svg").First.WaitForAsync();
        Assert.Equal(3, await page.Locator(".aistudio-plotly .scatterlayer .point").CountAsync());
        await page.Locator(".jp-MarkdownOutput mjx-container").First.WaitForAsync();
        await Browser.ScreenshotAsync(page, "notebook-rich-outputs");
        Assert.All(requests, url => Assert.StartsWith(browser.Hub.BaseAddress.GetLeftPart(UriPartial.Authority), url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chart_made_in_a_cell_from_a_dataset_is_drawn_in_the_page()
    {
        var (page, _) = await OpenAsync("penguins.ipynb", [new { cell_type = "code", id = "c1", source = "", metadata = new { }, outputs = Array.Empty<object>(), execution_count = (int?)null }]);
        await page.Locator("#aistudio-kernel-status[data-status='idle']").WaitForAsync(new() { Timeout = (float)Timeouts.Ready.TotalMilliseconds });
        await page.Locator(".jp-Notebook .jp-Cell .cm-content").First.ClickAsync();
        await page.Keyboard.TypeAsync("Charts.Histogram(Datasets.Load(\"penguins\"), \"body_mass_g\", bins: 20)");
        await page.Keyboard.PressAsync("Shift+Enter");

        await page.Locator(".aistudio-plotly .main-svg").First.WaitForAsync(new() { Timeout = (float)Timeouts.FirstExecute.TotalMilliseconds });
        Assert.Equal(20, await page.Locator(".aistudio-plotly .barlayer .point").CountAsync());
        await Browser.ScreenshotAsync(page, "notebook-chart-from-dataset");
    }

    [Fact]
    public async Task The_bundle_is_sent_gzip_compressed_to_browsers_that_accept_it()
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = browser.Hub.BaseAddress };
        using var plain = await http.GetAsync("build/notebook.js");
        var plainBytes = (await plain.Content.ReadAsByteArrayAsync()).Length;
        Assert.Empty(plain.Content.Headers.ContentEncoding);

        using var request = new HttpRequestMessage(HttpMethod.Get, "build/notebook.js");
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var gzip = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, gzip.StatusCode);
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        Assert.Equal("text/javascript", gzip.Content.Headers.ContentType?.MediaType);
        var compressed = await gzip.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < plainBytes / 2, $"{compressed.Length} bytes compressed vs {plainBytes}");
        await using var unzipped = new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var copy = new MemoryStream();
        await unzipped.CopyToAsync(copy);
        Assert.Equal(plainBytes, copy.Length);
    }

    /// <summary>A new user's notebook with these cells, made through the API, opened in the browser with ?token=.</summary>
    private async Task<(IPage Page, string Token)> OpenAsync(string path, object[] cells)
    {
        var token = await browser.Hub.NewUserAsync("r" + Guid.NewGuid().ToString("N")[..10]);
        await browser.Hub.SaveNotebookAsync(token, path, cells);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/notebooks/{path}?token={token}");
        return (page, token);
    }
}
