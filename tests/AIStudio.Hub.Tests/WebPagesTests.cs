using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace AIStudio.Hub.Tests;

/// <summary>The hub's own pages without a browser: redirects, sign-in, the ?token= link, what a stranger's URL answers.</summary>
[Collection(HubTests.Name)]
public sealed partial class WebPagesTests(HubFixture hub)
{
    [Fact]
    public async Task Pages_send_a_visitor_who_is_not_signed_in_to_the_sign_in_page_and_back()
    {
        using var browser = Browser();
        using var root = await browser.GetAsync("");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/hub/home", root.Headers.Location?.OriginalString);

        using var notebook = await browser.GetAsync("notebooks/folder/x.ipynb");
        Assert.Equal(HttpStatusCode.Redirect, notebook.StatusCode);
        Assert.Equal("/hub/login?next=%2Fnotebooks%2Ffolder%2Fx.ipynb", notebook.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Signing_in_with_the_form_goes_to_the_local_next_page_only_and_a_wrong_password_says_so()
    {
        var name = Http.Unique("pages");
        using (await hub.CreateUserAsync(name, new { password = "correct horse battery" }))
        {
        }

        using var browser = Browser();
        using var wrong = await PostFormAsync(browser, "hub/login", new() { ["username"] = name, ["password"] = "wrong password", ["next"] = "/hub/home" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("Invalid username or password.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // "//elsewhere" would be another site: the page goes home instead (no open redirect).
        using var right = await PostFormAsync(browser, "hub/login", new() { ["username"] = name, ["password"] = "correct horse battery", ["next"] = "//elsewhere.example/x" });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/hub/home", right.Headers.Location?.OriginalString);
        using var home = await browser.GetAsync("hub/home");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("New notebook", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_in_the_address_signs_the_browser_in_once_and_is_dropped_a_scoped_or_bad_one_is_refused()
    {
        var name = Http.Unique("linked");
        using var user = await hub.CreateUserAsync(name);
        using var browser = Browser();
        using var linked = await browser.GetAsync($"hub/home?dir=&token={user.Token}&x=1");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Equal("/hub/home?dir=&x=1", linked.Headers.Location?.OriginalString);
        using var home = await browser.GetAsync("hub/home");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(name, await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var scoped = await user.Client.PostAsJsonAsync($"hub/api/users/{name}/tokens", new { note = "read only", scopes = new[] { $"read:users!user={name}" } });
        var scopedToken = (await scoped.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString();
        using var other = Browser();
        using var refused = await other.GetAsync($"hub/home?token={scopedToken}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("limited to some scopes", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var bad = await other.GetAsync("hub/home?token=0123456789abcdef");
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
        using var stillOut = await other.GetAsync("hub/home");
        Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);
    }

    [Fact]
    public async Task A_notebook_page_opens_for_its_owner_and_is_not_found_for_anyone_else()
    {
        using var owner = await hub.CreateUserAsync(Http.Unique("owner"));
        using var stranger = await hub.CreateUserAsync(Http.Unique("stranger"));
        using (var created = await owner.Client.PutAsJsonAsync("api/contents/mine.ipynb", new { type = "notebook", content = new { cells = Array.Empty<object>(), metadata = new { }, nbformat = 4, nbformat_minor = 5 } }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var ownerBrowser = Browser();
        (await ownerBrowser.GetAsync($"hub/home?token={owner.Token}")).Dispose();
        using var page = await ownerBrowser.GetAsync("notebooks/mine.ipynb");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("\"notebookPath\":\"mine.ipynb\"", html, StringComparison.Ordinal);
        Assert.Contains("/build/notebook.js", html, StringComparison.Ordinal);

        using var strangerBrowser = Browser();
        (await strangerBrowser.GetAsync($"hub/home?token={stranger.Token}")).Dispose();
        using var foreign = await strangerBrowser.GetAsync("notebooks/mine.ipynb");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    /// <summary>A browser: keeps cookies, does not follow redirects (so the tests see them).</summary>
    private HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = hub.BaseAddress };

    /// <summary>Posts a page's form as a browser does: with the antiforgery field of the page it got first.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, Dictionary<string, string> fields)
    {
        var form = await browser.GetStringAsync(path);
        fields["__RequestVerificationToken"] = RequestVerificationToken().Match(form).Groups[1].Value;
        return await browser.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex RequestVerificationToken();
}
