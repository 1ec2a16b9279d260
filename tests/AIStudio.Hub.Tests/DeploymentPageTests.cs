using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>
/// The deployment pages (<c>/hub/deployments</c>, <c>/hub/deployments/{name}</c>) driven as a browser drives them: the
/// list with traffic and metrics, versions with their schema, the traffic split form (a split not adding up to 100 is
/// refused on the page with the store's message), rollback, per-version metrics, a key shown once and revoked, deletion
/// only after typing the name, another user's deployment 404 on every handler.
/// </summary>
[Collection(HubTests.Name)]
public sealed partial class DeploymentPageTests(HubFixture hub, ITestOutputHelper output)
{
    private const string List = "hub/deployments";

    [Fact]
    public async Task The_pages_list_show_split_roll_back_make_keys_and_delete_a_deployment()
    {
        using var log = hub.Log.Attach(output);
        using var owner = await hub.CreateUserAsync(Http.Unique("pages"));
        using var browser = await PageBrowser.SignedInAsync(hub, owner.Token);
        const string name = "prices";
        var page = $"{List}/{name}";

        var empty = await browser.GetStringAsync(List);
        Assert.Contains("No deployments yet.", empty, StringComparison.Ordinal);
        Assert.Contains("href=\"/hub/deployments\" aria-current=\"page\"", empty, StringComparison.Ordinal);

        await DeploymentForm.UploadOkAsync(owner.Client, name, OnnxTestModels.Regression(slope: 2), "first model");
        await DeploymentForm.UploadOkAsync(owner.Client, name, OnnxTestModels.Regression(slope: 5), "steeper");
        var key = await DeploymentForm.CreateKeyAsync(owner.Client, name);
        for (var i = 0; i < 3; i++)
        {
            await PredictOkAsync(name, owner.Name, key);
        }

        var listed = await browser.GetStringAsync(List);
        var row = Row(listed, "data-deployment", name);
        Assert.Contains($"href=\"/hub/deployments/{name}\"", row, StringComparison.Ordinal);
        Assert.Contains("<td>2</td>", row, StringComparison.Ordinal);
        Assert.Contains("v1 100%", row, StringComparison.Ordinal);
        Assert.Contains($"/deployments/{owner.Name}/{name}/predict", row, StringComparison.Ordinal);
        Assert.Contains("<td>3</td>", row, StringComparison.Ordinal);
        Assert.Matches(@"\d+(\.\d+)? ms", row);

        var details = await browser.GetStringAsync(page);
        Assert.Contains("first model", Row(details, "data-version", "1"), StringComparison.Ordinal);
        Assert.Contains("<code>x1</code> <span class=\"hub-muted\">float32 [-1, 1]</span>", Row(details, "data-version", "2"), StringComparison.Ordinal);
        Assert.Contains("<td>3</td>", Row(details, "data-metrics", "1"), StringComparison.Ordinal);
        Assert.Contains("<td>0</td>", Row(details, "data-metrics", "2"), StringComparison.Ordinal);
        Assert.Contains("<label for=\"split-2\">v2</label>", details, StringComparison.Ordinal);

        // A split that does not add up is refused on the page, with what was typed kept in the form.
        using (var refused = await PageBrowser.PostAsync(browser, page, "Traffic", new() { ["split[1]"] = "80", ["split[2]"] = "10" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("The shares sum to 90 %: they must sum to 100", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
            Assert.Contains("id=\"split-1\" name=\"split[1]\" value=\"80\"", html, StringComparison.Ordinal);
        }

        using (var notANumber = await PageBrowser.PostAsync(browser, page, "Traffic", new() { ["split[1]"] = "ninety", ["split[2]"] = "10" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
            Assert.Contains("The share of version 1 must be a whole percent", WebUtility.HtmlDecode(await notANumber.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var split = await PageBrowser.PostAsync(browser, page, "Traffic", new() { ["split[1]"] = "90", ["split[2]"] = "10" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, split.StatusCode);
        }

        Assert.Equal(10, (await owner.Client.GetJsonAsync($"hub/api/deployments/{name}")).GetProperty("traffic").GetProperty("2").GetInt32());
        Assert.Contains("v1 90% · v2 10%", WebUtility.HtmlDecode(Row(await browser.GetStringAsync(List), "data-deployment", name)), StringComparison.Ordinal);

        // Rollback to the split before the last change: all traffic to v1.
        using (var rollback = await PageBrowser.PostAsync(browser, page, "Rollback", new() { ["version"] = "" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, rollback.StatusCode);
            Assert.Contains("Rolled back", WebUtility.UrlDecode(rollback.Headers.Location!.OriginalString), StringComparison.Ordinal);
        }

        var traffic = (await owner.Client.GetJsonAsync($"hub/api/deployments/{name}")).GetProperty("traffic");
        Assert.Equal(["1"], traffic.EnumerateObject().Select(p => p.Name));

        // A key made on the page is shown once; revoked, it no longer calls the deployment.
        string created;
        using (var made = await PageBrowser.PostAsync(browser, page, "CreateKey", new() { ["note"] = "page key" }))
        {
            Assert.Equal(HttpStatusCode.OK, made.StatusCode);
            created = NewKey().Match(await made.Content.ReadAsStringAsync()).Groups[1].Value;
        }

        Assert.StartsWith("aisd_", created, StringComparison.Ordinal);
        await PredictOkAsync(name, owner.Name, created);
        var keysPage = await browser.GetStringAsync(page);
        Assert.DoesNotContain(created, keysPage, StringComparison.Ordinal);
        var keyId = (await owner.Client.GetJsonAsync($"hub/api/deployments/{name}/keys")).EnumerateArray()
            .Single(k => k.GetProperty("note").GetString() == "page key").GetProperty("id").GetString()!;
        Assert.Contains("page key", Row(keysPage, "data-key", keyId), StringComparison.Ordinal);
        using (var revoked = await PageBrowser.PostAsync(browser, page, "RevokeKey", new() { ["id"] = keyId }))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }

        using (var call = await PredictAsync(name, owner.Name, created))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
        }

        // Deletion needs the name typed.
        using (var unconfirmed = await PageBrowser.PostAsync(browser, page, "Delete", new() { ["confirm"] = "price" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
            Assert.Contains($"type its name, {name}", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"hub/api/deployments/{name}")).StatusCode);
        using (var deleted = await PageBrowser.PostAsync(browser, page, "Delete", new() { ["confirm"] = name }))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
            Assert.StartsWith("/hub/deployments?done=", deleted.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"hub/api/deployments/{name}")).StatusCode);
        Assert.Contains("No deployments yet.", await browser.GetStringAsync(List), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_users_deployment_is_404_on_the_page_and_every_form_and_forms_need_xsrf()
    {
        using var log = hub.Log.Attach(output);
        using var owner = await hub.CreateUserAsync(Http.Unique("mine"));
        using var stranger = await hub.CreateUserAsync(Http.Unique("theirs"));
        const string name = "secret-model";
        await DeploymentForm.UploadOkAsync(owner.Client, name, OnnxTestModels.Regression(slope: 1), "owner's");
        using var ownerBrowser = await PageBrowser.SignedInAsync(hub, owner.Token);
        using var strangerBrowser = await PageBrowser.SignedInAsync(hub, stranger.Token);
        var page = $"{List}/{name}";

        using (var seen = await strangerBrowser.GetAsync(page))
        {
            Assert.Equal(HttpStatusCode.NotFound, seen.StatusCode);
            Assert.DoesNotContain("owner&#x27;s", await seen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(name, await strangerBrowser.GetStringAsync(List), StringComparison.Ordinal);
        // The stranger's forms come from their own (empty) list page; the handlers still answer 404 for the owner's name.
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Traffic", new() { ["split[1]"] = "100" }),
            ("Rollback", new() { ["version"] = "1" }),
            ("CreateKey", new() { ["note"] = "x" }),
            ("RevokeKey", new() { ["id"] = "k0" }),
            ("Delete", new() { ["confirm"] = name }),
        })
        {
            using var refused = await PageBrowser.PostToAsync(strangerBrowser, List, page, handler, fields);
            Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"{handler}: {refused.StatusCode}");
        }

        Assert.Empty((await owner.Client.GetJsonAsync($"hub/api/deployments/{name}/keys")).EnumerateArray());

        // Without the antiforgery and _xsrf fields the owner's own post is refused.
        using (var forged = await ownerBrowser.PostAsync(page + "?handler=Delete", new FormUrlEncodedContent(new Dictionary<string, string> { ["confirm"] = name })))
        {
            Assert.True(forged.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, forged.StatusCode.ToString());
        }

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"hub/api/deployments/{name}")).StatusCode);
    }

    private async Task PredictOkAsync(string name, string owner, string key)
    {
        using var response = await PredictAsync(name, owner, key);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PredictAsync(string name, string owner, string key)
    {
        using var client = hub.Client(authenticated: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"deployments/{owner}/{name}/predict")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { inputs = new Dictionary<string, float[]> { ["x1"] = [1], ["x2"] = [2], ["Label"] = [0] } }),
                System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await client.SendAsync(request);
    }

    /// <summary>The table row whose <paramref name="attribute"/> is <paramref name="value"/>.</summary>
    private static string Row(string html, string attribute, string value)
    {
        var start = html.IndexOf($"<tr {attribute}=\"{value}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row {attribute}={value}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("id=\"new-key\">([^<]+)<")]
    private static partial Regex NewKey();
}
