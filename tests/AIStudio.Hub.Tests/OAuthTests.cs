using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AIStudio.Hub.Auth;
using AIStudio.Hub.OAuth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Validation.AspNetCore;

namespace AIStudio.Hub.Tests;

/// <summary>The OAuth 2 / OpenID Connect server (OpenIddict): discovery, code + PKCE, refresh, client credentials.</summary>
[Collection(HubTests.Name)]
public sealed class OAuthTests(HubFixture hub, Xunit.Abstractions.ITestOutputHelper output)
{
    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<JsonElement> TokenAsync(Dictionary<string, string> form, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = hub.Client(authenticated: false);
        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync("hub/api/oauth2/token", content);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == expected, $"token endpoint: {(int)response.StatusCode} {body}");
        return body;
    }

    private HttpClient Bearer(string accessToken)
    {
        var client = new HttpClient { BaseAddress = hub.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    [Fact]
    public async Task Every_endpoint_the_discovery_names_is_handed_to_the_server_and_no_other_path_is()
    {
        // The OpenIddict server's handler is left out of requests to other paths (OAuthServerHandlerProvider): an
        // endpoint missing from OAuthServerEndpoints would stop working.
        using var client = hub.Client(authenticated: false);
        var document = await client.GetJsonAsync(".well-known/openid-configuration");
        var endpoints = hub.Services.GetRequiredService<OAuthServerEndpoints>();
        var named = document.EnumerateObject()
            .Where(p => p.Name.EndsWith("_endpoint", StringComparison.Ordinal) || p.Name == "jwks_uri")
            .Select(p => new Uri(p.Value.GetString()!).AbsolutePath)
            .Append("/.well-known/openid-configuration")
            .ToArray();
        Assert.Contains("/hub/api/oauth2/token", named);
        foreach (var path in named)
        {
            Assert.True(endpoints.Contains(Request(path)), $"{path} is not handed to the OAuth server");
            Assert.True(endpoints.Contains(Request(path + "/")), $"{path}/ is not handed to the OAuth server");
        }

        foreach (var path in new[] { "/api/kernels", "/hub/api/users", "/hub/api/oauth2", "/hub/api/oauth2/token/x", "/" })
        {
            Assert.False(endpoints.Contains(Request(path)), $"{path} is handed to the OAuth server");
        }

        static HttpRequest Request(string path) => new DefaultHttpContext { Request = { Path = path } }.Request;
    }

    [Theory]
    [InlineData("Bearer aaaa.bbbb.cccc", true)]
    [InlineData("token aaaa.bbbb.cccc", true)]
    [InlineData("token 0123456789abcdef", false)]
    [InlineData("Bearer 0123456789abcdef", false)]
    [InlineData(null, false)]
    public async Task Only_a_request_with_an_access_token_is_handed_to_the_token_validation(string? authorization, bool handed)
    {
        // The hub scheme forwards exactly these requests to OpenIddict's validation; the others skip its request handling.
        await using var scope = hub.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<IAuthenticationHandlerProvider>();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, Request = { Path = "/api/contents" } };
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        var handler = await provider.GetHandlerAsync(context, OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);

        Assert.Equal(handed, handler is IAuthenticationRequestHandler);
        Assert.NotNull(await provider.GetHandlerAsync(context, TokenAuthenticationHandler.SchemeName));
    }

    [Fact]
    public async Task Discovery_names_the_endpoints_flows_and_pkce()
    {
        using var client = hub.Client(authenticated: false);
        var document = await client.GetJsonAsync(".well-known/openid-configuration");
        Assert.EndsWith("/hub/api/oauth2/authorize", document.GetProperty("authorization_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/hub/api/oauth2/token", document.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        var grants = document.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToArray();
        Assert.Contains("authorization_code", grants);
        Assert.Contains("client_credentials", grants);
        Assert.Contains("refresh_token", grants);
        Assert.Contains("S256", document.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("kernels", document.GetProperty("scopes_supported").EnumerateArray().Select(m => m.GetString()));
        var keys = await client.GetJsonAsync(new Uri(document.GetProperty("jwks_uri").GetString()!).PathAndQuery.TrimStart('/'));
        var key = keys.GetProperty("keys")[0];
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
    }

    [Fact]
    public async Task A_signed_in_browser_gets_a_code_that_with_its_pkce_verifier_becomes_tokens_that_refresh()
    {
        using var log = hub.Log.Attach(output);
        var name = Http.Unique("oauth");
        using var user = await hub.CreateUserAsync(name, new { password = "oauth password 1" });
        var clientId = Http.Unique("vscode");
        const string redirect = "http://127.0.0.1:54321/callback";
        using var admin = hub.Client();
        using (var registered = await admin.PostAsJsonAsync("hub/api/oauth/clients", new { client_id = clientId, redirect_uris = new[] { redirect } }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = hub.BaseAddress };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"hub/api/oauth2/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(redirect)}" +
            $"&scope={Uri.EscapeDataString("openid offline_access kernels")}&state=xyz&code_challenge={challenge}&code_challenge_method=S256";

        // Not signed in: sent to sign in, and back here afterwards.
        using (var anonymous = await browser.GetAsync(authorize))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/hub/login?next=", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using (var login = await browser.PostAsJsonAsync("hub/api/auth/login", new { username = name, password = "oauth password 1" }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        string code;
        using (var granted = await browser.GetAsync(authorize))
        {
            Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
            var location = granted.Headers.Location!;
            Assert.StartsWith(redirect, location.OriginalString, StringComparison.Ordinal);
            var query = System.Web.HttpUtility.ParseQueryString(location.Query);
            Assert.Equal("xyz", query["state"]);
            code = query["code"]!;
        }

        // A wrong verifier is refused; the right one gets tokens.
        var refused = await TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["client_id"] = clientId, ["redirect_uri"] = redirect, ["code_verifier"] = Base64Url(RandomNumberGenerator.GetBytes(32)) }, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_grant", refused.GetProperty("error").GetString());

        // The code was spent by the refused attempt (codes are single-use), so authorize again.
        using (var again = await browser.GetAsync(authorize))
        {
            code = System.Web.HttpUtility.ParseQueryString(again.Headers.Location!.Query)["code"]!;
        }

        var tokens = await TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["client_id"] = clientId, ["redirect_uri"] = redirect, ["code_verifier"] = verifier });
        var access = tokens.GetProperty("access_token").GetString()!;
        using (var api = Bearer(access))
        {
            var me = await api.GetJsonAsync("api/me");
            Assert.Equal(name, me.GetProperty("identity").GetProperty("username").GetString());
            var kernels = await api.GetJsonAsync("api/kernels");
            Assert.Equal(JsonValueKind.Array, kernels.ValueKind);

            // The token was granted kernels only: files are out of its reach.
            using var contents = await api.GetAsync("api/contents");
            Assert.Equal(HttpStatusCode.Forbidden, contents.StatusCode);
        }

        var refreshed = await TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!, ["client_id"] = clientId });
        using (var api = Bearer(refreshed.GetProperty("access_token").GetString()!))
        {
            Assert.Equal(name, (await api.GetJsonAsync("hub/api/user")).GetProperty("name").GetString());
        }

        using var forged = Bearer(access[..^4] + "AAAA");
        using var rejected = await forged.GetAsync("api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
    }

    [Fact]
    public async Task A_service_client_gets_tokens_with_its_secret_acting_as_its_user()
    {
        using var log = hub.Log.Attach(output);
        var name = Http.Unique("service");
        using var user = await hub.CreateUserAsync(name);
        var clientId = Http.Unique("grader");
        using var admin = hub.Client();
        string secret;
        using (var registered = await admin.PostAsJsonAsync("hub/api/oauth/clients", new { client_id = clientId, confidential = true, user = name }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            secret = (await registered.JsonAsync()).GetProperty("client_secret").GetString()!;
        }

        using (var byUser = await user.Client.PostAsJsonAsync("hub/api/oauth/clients", new { client_id = clientId + "x", confidential = true, user = name }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byUser.StatusCode);
        }

        var wrong = await TokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret + "x" }, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_client", wrong.GetProperty("error").GetString());

        var tokens = await TokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret });
        using var api = Bearer(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal(name, (await api.GetJsonAsync("hub/api/user")).GetProperty("name").GetString());
        using var saved = await api.PutAsJsonAsync("api/contents/from-service.txt", new { type = "file", format = "text", content = "hello" });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal("hello", (await user.Client.GetJsonAsync("api/contents/from-service.txt")).GetProperty("content").GetString());
    }
}
