using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

namespace AIStudio.Hub.Tests;

/// <summary>The dashboard's and the tokens page's forms, posted as a browser posts them (antiforgery field, _xsrf, cookie).</summary>
[Collection(HubTests.Name)]
public sealed partial class DashboardPagesTests(HubFixture hub)
{
    private const string Notebook = """{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""";

    [Fact]
    public async Task Files_are_created_uploaded_downloaded_renamed_and_deleted_from_the_dashboard()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("files"));
        using var browser = await PageBrowser.SignedInAsync(hub, user.Token);

        using (var folder = await PageBrowser.PostAsync(browser, "hub/home", "NewFolder", new() { ["dir"] = "", ["name"] = "project" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, folder.StatusCode);
            Assert.StartsWith("/hub/home?done=", folder.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        using (var uploaded = await PageBrowser.UploadAsync(browser, "project", "lesson.ipynb", Encoding.UTF8.GetBytes(Notebook)))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        var listing = await browser.GetStringAsync("hub/home?dir=project");
        Assert.Contains("data-path=\"project/lesson.ipynb\"", listing, StringComparison.Ordinal);

        // The same name again, and a file that is not a notebook: refused, with the reason, nothing written.
        using (var again = await PageBrowser.UploadAsync(browser, "project", "lesson.ipynb", Encoding.UTF8.GetBytes(Notebook)))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("project/lesson.ipynb already exists", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var broken = await PageBrowser.UploadAsync(browser, "project", "broken.ipynb", "{\"cells\": ["u8.ToArray()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
            Assert.Contains("Unreadable Notebook: project/broken.ipynb", WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var missing = await user.Client.GetAsync("api/contents/project/broken.ipynb"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (var download = await browser.GetAsync("files/project/lesson.ipynb?download=1"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(Notebook, await download.Content.ReadAsStringAsync());
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());
        }

        using (var stranger = await hub.CreateUserAsync(Http.Unique("snoop")))
        using (var foreign = await stranger.Client.GetAsync("files/project/lesson.ipynb"))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        using (var renamed = await PageBrowser.PostAsync(browser, "hub/home?dir=project", "Rename", new() { ["dir"] = "project", ["path"] = "project/lesson.ipynb", ["name"] = "first lesson.ipynb" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }

        listing = await browser.GetStringAsync("hub/home?dir=project");
        Assert.Contains("data-path=\"project/first lesson.ipynb\"", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("data-path=\"project/lesson.ipynb\"", listing, StringComparison.Ordinal);

        using (var deleted = await PageBrowser.PostAsync(browser, "hub/home?dir=project", "Delete", new() { ["dir"] = "project", ["path"] = "project/first lesson.ipynb" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        using (var gone = await user.Client.GetAsync("api/contents/project/first%20lesson.ipynb"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        // A folder that is not empty is not deleted: the page says why.
        (await user.Client.PutAsJsonAsync("api/contents/project/keep.txt", new { type = "file", format = "text", content = "keep" })).Dispose();
        using var notEmpty = await PageBrowser.PostAsync(browser, "hub/home", "Delete", new() { ["dir"] = "", ["path"] = "project" });
        Assert.Equal(HttpStatusCode.BadRequest, notEmpty.StatusCode);
        Assert.Contains("Directory project not empty", await notEmpty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_notebook_starts_from_the_chosen_template_with_the_csharp_kernel()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("templates"));
        using var browser = await PageBrowser.SignedInAsync(hub, user.Token);

        using var created = await PageBrowser.PostAsync(browser, "hub/home", "NewNotebook", new() { ["dir"] = "", ["template"] = "chart" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.OriginalString["/notebooks/".Length..];
        Assert.Matches("^Untitled[0-9]*\\.ipynb$", path);
        var notebook = (await user.Client.GetJsonAsync($"api/contents/{path}")).GetProperty("content");
        Assert.Equal("aistudio-csharp", notebook.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Contains(notebook.GetProperty("cells").EnumerateArray(), c => c.GetProperty("source").GetString()!.Contains("Charts.Scatter(", StringComparison.Ordinal));

        var before = (await user.Client.GetJsonAsync("api/contents")).GetProperty("content").GetArrayLength();
        using var unknown = await PageBrowser.PostAsync(browser, "hub/home", "NewNotebook", new() { ["dir"] = "", ["template"] = "no-such-template" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(before, (await user.Client.GetJsonAsync("api/contents")).GetProperty("content").GetArrayLength());
    }

    [Fact]
    public async Task The_dashboard_shows_the_plan_meters_and_running_kernels_and_stops_only_the_callers_own()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("meters"));
        using var stranger = await hub.CreateUserAsync(Http.Unique("stopper"));
        using var started = await user.Client.PostAsJsonAsync("api/kernels", new { name = "aistudio-csharp" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var kernelId = (await started.JsonAsync()).GetProperty("id").GetString()!;

        using var browser = await PageBrowser.SignedInAsync(hub, user.Token);
        var home = await browser.GetStringAsync("hub/home");
        Assert.Contains("Free plan", home, StringComparison.Ordinal);
        Assert.Matches(@"data-meter=""Storage"">\s*<div class=""hub-meter-label""><span id=""meter-storage"">Storage</span><span class=""hub-muted"">[0-9.]+ [KMG]?B / 100 MB</span>", home);
        Assert.Contains($"data-kernel=\"{kernelId}\"", home, StringComparison.Ordinal);

        using (var strangerBrowser = await PageBrowser.SignedInAsync(hub, stranger.Token))
        using (var refused = await PageBrowser.PostAsync(strangerBrowser, "hub/home", "StopKernel", new() { ["dir"] = "", ["id"] = kernelId }))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        Assert.NotNull(hub.Service<AIStudio.Hub.Kernels.KernelRegistry>().Find(kernelId));
        using (var stopped = await PageBrowser.PostAsync(browser, "hub/home", "StopKernel", new() { ["dir"] = "", ["id"] = kernelId }))
        {
            Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        }

        Assert.Null(hub.Service<AIStudio.Hub.Kernels.KernelRegistry>().Find(kernelId));
        Assert.DoesNotContain($"data-kernel=\"{kernelId}\"", await browser.GetStringAsync("hub/home"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_made_on_the_tokens_page_is_shown_once_works_and_stops_working_when_revoked()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("tokens"));
        using var browser = await PageBrowser.SignedInAsync(hub, user.Token);
        using var created = await PageBrowser.PostAsync(browser, "hub/tokens", "Create", new() { ["note"] = "my laptop", ["scopes"] = "", ["expiresInDays"] = "30" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var token = NewToken().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(token);

        using var client = new HttpClient { BaseAddress = hub.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
        Assert.Equal(user.Name, (await client.GetJsonAsync("hub/api/user")).GetProperty("name").GetString());

        var page = await browser.GetStringAsync("hub/tokens");
        Assert.DoesNotContain(token, page, StringComparison.Ordinal);
        var listed = await user.Client.GetJsonAsync($"hub/api/users/{user.Name}/tokens");
        var id = listed.GetProperty("api_tokens").EnumerateArray().Single(t => t.GetProperty("note").GetString() == "my laptop").GetProperty("id").GetString()!;
        Assert.Contains($"data-token=\"{id}\"", page, StringComparison.Ordinal);
        using (var revoked = await PageBrowser.PostAsync(browser, "hub/tokens", "Revoke", new() { ["id"] = id }))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }

        using var after = await client.GetAsync("hub/api/user");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [GeneratedRegex("<p class=\"hub-token\" id=\"new-token\">([^<]+)</p>")]
    private static partial Regex NewToken();
}
