using System.Net;
using System.Net.Http.Json;

namespace AIStudio.Hub.Tests;

/// <summary>
/// The model endpoints page (<c>/hub/model-endpoints</c>) and the API from a browser session: the key typed in a password
/// field and never shown again, delete, an organization's endpoints for its admins; the cookie needs the XSRF header on
/// unsafe requests, as the rest of the API does.
/// </summary>
[Collection(HubTests.Name)]
public sealed class ModelEndpointPageTests(HubFixture hub)
{
    private const string Page = "hub/model-endpoints";

    [Fact]
    public async Task The_page_adds_lists_and_deletes_endpoints_and_never_shows_a_key()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("page"));
        using var browser = await PageBrowser.SignedInAsync(hub, user.Token);
        const string key = "sk-page-0123456789abcdef";

        var empty = await browser.GetStringAsync(Page);
        Assert.Contains("No model endpoints yet.", empty, StringComparison.Ordinal);
        Assert.Contains("href=\"/hub/model-endpoints\" aria-current=\"page\"", empty, StringComparison.Ordinal);
        Assert.Contains("type=\"password\"", empty, StringComparison.Ordinal);

        using (var added = await PageBrowser.PostAsync(browser, Page, "Create", new()
        {
            ["name"] = "local-llama",
            ["provider"] = "ollama",
            ["baseUrl"] = "http://127.0.0.1:11434/v1",
            ["model"] = "llama3.2",
            ["apiKey"] = key,
            ["inputCost"] = "0,5",
            ["outputCost"] = "",
            ["isDefault"] = "true",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var listed = await browser.GetStringAsync(Page);
        Assert.Contains("data-endpoint=\"local-llama\"", listed, StringComparison.Ordinal);
        Assert.Contains("ollama · llama3.2", listed, StringComparison.Ordinal);
        Assert.Contains("0.5 / &#x2014;", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.Equal(key, (await user.Client.GetJsonAsync("hub/api/model-endpoints/local-llama/credentials")).GetProperty("api_key").GetString());

        // A refusal is shown on the page, with the field it concerns.
        using (var refused = await PageBrowser.PostAsync(browser, Page, "Create", new()
        {
            ["name"] = "broken",
            ["provider"] = "vllm",
            ["baseUrl"] = "not-a-url",
            ["model"] = "m",
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("&#x27;base_url&#x27; must be an absolute http or https URL", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var deleted = await PageBrowser.PostAsync(browser, Page, "Delete", new() { ["name"] = "local-llama", ["organization"] = "" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        Assert.Contains("No model endpoints yet.", await browser.GetStringAsync(Page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organizations_admin_adds_its_endpoints_on_the_page_and_its_members_only_see_them()
    {
        var slug = await ModelEndpointApi.OrganizationAsync(hub);
        using var owner = await hub.CreateUserAsync(Http.Unique("own"), new { org = slug, role = "owner" });
        using var member = await hub.CreateUserAsync(Http.Unique("mem"), new { org = slug, role = "member" });
        using var ownerBrowser = await PageBrowser.SignedInAsync(hub, owner.Token);
        using (var added = await PageBrowser.PostAsync(ownerBrowser, Page, "Create", new()
        {
            ["name"] = "shared",
            ["owner"] = slug,
            ["provider"] = "openai",
            ["model"] = "gpt-4o-mini",
            ["apiKey"] = "sk-shared-0123456789",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        using var memberBrowser = await PageBrowser.SignedInAsync(hub, member.Token);
        var page = await memberBrowser.GetStringAsync(Page);
        Assert.Contains("data-endpoint=\"shared\" data-scope=\"org\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Delete the model endpoint shared", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{slug}\">", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{slug}\">", await ownerBrowser.GetStringAsync(Page), StringComparison.Ordinal);

        using var refused = await PageBrowser.PostAsync(memberBrowser, Page, "Delete", new() { ["name"] = "shared", ["organization"] = slug });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_browser_session_uses_the_api_with_the_xsrf_header_on_unsafe_requests()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("xsrf"));
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true }) { BaseAddress = hub.BaseAddress };
        (await browser.GetAsync($"hub/home?token={user.Token}")).Dispose();
        var xsrf = cookies.GetCookies(hub.BaseAddress)["_xsrf"]?.Value;
        Assert.False(string.IsNullOrEmpty(xsrf));

        var body = new { name = "cookie", provider = "openai", model = "gpt-4o", api_key = "sk-cookie-0123456789" };
        using (var refused = await browser.PostAsJsonAsync(ModelEndpointApi.Route, body))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, ModelEndpointApi.Route) { Content = JsonContent.Create(body) })
        {
            request.Headers.Add("X-XSRFToken", xsrf);
            using var created = await browser.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        Assert.Single((await browser.GetJsonAsync(ModelEndpointApi.Route)).EnumerateArray());
        Assert.Equal("sk-cookie-0123456789", (await browser.GetJsonAsync("hub/api/model-endpoints/cookie/credentials")).GetProperty("api_key").GetString());
        Assert.False((await browser.GetJsonAsync("hub/api/agents/policy")).GetProperty("agent_orchestration").GetBoolean());
        using (var report = new HttpRequestMessage(HttpMethod.Post, "hub/api/usage/agents") { Content = JsonContent.Create(new { model = "gpt-4o", input_tokens = 3, output_tokens = 4 }) })
        {
            report.Headers.Add("X-XSRFToken", xsrf);
            using var accepted = await browser.SendAsync(report);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }
    }
}
