using System.Net;
using System.Net.Http.Json;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

/// <summary>Personal API tokens: scopes that limit them, revocation, expiry, and what lists show.</summary>
[Collection(HubTests.Name)]
public sealed class TokenTests(HubFixture hub)
{
    [Fact]
    public async Task A_token_limited_to_reading_its_user_cannot_touch_kernels_or_files()
    {
        var name = Http.Unique("scoped");
        using var user = await hub.CreateUserAsync(name);
        using var created = await user.Client.PostAsJsonAsync($"hub/api/users/{name}/tokens", new { note = "read only", scopes = new[] { $"read:users!user={name}" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var model = await created.JsonAsync();
        Assert.Equal($"read:users!user={name}", model.GetProperty("scopes")[0].GetString());
        using var limited = hub.ClientWithToken(model.GetProperty("token").GetString()!);

        var self = await limited.GetJsonAsync($"hub/api/users/{name}");
        Assert.Equal(name, self.GetProperty("name").GetString());
        foreach (var (method, route) in new[] { (HttpMethod.Get, "api/kernels"), (HttpMethod.Post, "api/kernels"), (HttpMethod.Get, "api/contents"), (HttpMethod.Post, "api/contents"), (HttpMethod.Get, "api/sessions") })
        {
            using var refused = await limited.SendJsonAsync(method, route, method == HttpMethod.Post ? new { type = "notebook" } : null);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("requires any of", await refused.MessageAsync(), StringComparison.Ordinal);
        }

        var me = await limited.GetJsonAsync("api/me?permissions=" + Uri.EscapeDataString("{\"contents\":[\"read\",\"write\"],\"kernels\":[\"execute\"]}"));
        Assert.Equal(0, me.GetProperty("permissions").GetProperty("contents").GetArrayLength());
        var full = await user.Client.GetJsonAsync("api/me?permissions=" + Uri.EscapeDataString("{\"contents\":[\"read\",\"write\"],\"kernels\":[\"execute\"]}"));
        Assert.Equal(2, full.GetProperty("permissions").GetProperty("contents").GetArrayLength());
        Assert.Equal("execute", full.GetProperty("permissions").GetProperty("kernels")[0].GetString());
    }

    [Fact]
    public async Task A_token_cannot_be_given_scopes_its_owner_does_not_have_or_that_do_not_exist()
    {
        var name = Http.Unique("greedy");
        using var user = await hub.CreateUserAsync(name);
        using (var tooMuch = await user.Client.PostAsJsonAsync($"hub/api/users/{name}/tokens", new { scopes = new[] { "admin:users" } }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, tooMuch.StatusCode);
            Assert.Contains("admin:users", await tooMuch.MessageAsync(), StringComparison.Ordinal);
        }

        using (var unknown = await user.Client.PostAsJsonAsync($"hub/api/users/{name}/tokens", new { scopes = new[] { "root" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Contains("Unknown scope: root", await unknown.MessageAsync(), StringComparison.Ordinal);
        }

        using var negative = await user.Client.PostAsJsonAsync($"hub/api/users/{name}/tokens", new { expires_in = -5 });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_stops_working_at_once_and_lists_never_show_a_token()
    {
        var name = Http.Unique("revoke");
        using var user = await hub.CreateUserAsync(name);
        using var created = await user.Client.PostAsJsonAsync($"hub/api/users/{name}/tokens", new { note = "to revoke" });
        var model = await created.JsonAsync();
        var token = model.GetProperty("token").GetString()!;
        var id = model.GetProperty("id").GetString()!;
        using var second = hub.ClientWithToken(token);
        await second.GetJsonAsync("api/status");

        var list = await user.Client.GetJsonAsync($"hub/api/users/{name}/tokens");
        var listed = list.GetProperty("api_tokens").EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
        Assert.Equal("to revoke", listed.GetProperty("note").GetString());
        Assert.Equal(token[..4], listed.GetProperty("prefix").GetString());
        Assert.False(listed.TryGetProperty("token", out _));
        Assert.DoesNotContain(token, list.GetRawText(), StringComparison.Ordinal);

        using (var revoke = await user.Client.DeleteAsync($"hub/api/users/{name}/tokens/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using var after = await second.GetAsync("api/status");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        using var again = await user.Client.DeleteAsync($"hub/api/users/{name}/tokens/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task A_token_records_its_last_activity_and_a_burst_of_requests_on_it_all_pass()
    {
        var name = Http.Unique("active");
        using var user = await hub.CreateUserAsync(name);
        using var created = await user.Client.PostAsJsonAsync($"hub/api/users/{name}/tokens", new { note = "busy" });
        var model = await created.JsonAsync();
        var id = model.GetProperty("id").GetString()!;
        async Task<System.Text.Json.JsonElement> ListedAsync() =>
            (await user.Client.GetJsonAsync($"hub/api/users/{name}/tokens")).GetProperty("api_tokens").EnumerateArray()
                .Single(t => t.GetProperty("id").GetString() == id).GetProperty("last_activity");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await ListedAsync()).ValueKind);

        // Forty requests at once on a token no request has shown yet: one lookup answers them all.
        using var client = hub.ClientWithToken(model.GetProperty("token").GetString()!);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var response = await client.GetAsync("api/status");
            return response.StatusCode;
        }));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var last = await ListedAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.String, last.ValueKind);
        Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse(last.GetString()!, System.Globalization.CultureInfo.InvariantCulture) < TimeSpan.FromMinutes(1), last.GetString());
    }

    [Fact]
    public async Task An_expiring_token_is_refused_once_it_has_expired()
    {
        var name = Http.Unique("expire");
        using var user = await hub.CreateUserAsync(name);
        using var created = await user.Client.PostAsJsonAsync($"hub/api/users/{name}/tokens", new { expires_in = 1 });
        var model = await created.JsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, model.GetProperty("expires_at").ValueKind);
        using var client = hub.ClientWithToken(model.GetProperty("token").GetString()!);
        using var deadline = Timeouts.After(TimeSpan.FromSeconds(15));
        HttpStatusCode status;
        do
        {
            using var response = await client.GetAsync("api/status", deadline.Token);
            status = response.StatusCode;
            if (status == HttpStatusCode.OK)
            {
                await Task.Delay(100, deadline.Token);
            }
        }
        while (status == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task A_forged_token_gets_401_in_the_header_and_in_the_query()
    {
        using var forged = hub.ClientWithToken(new string('a', 40));
        using var header = await forged.GetAsync("api/contents");
        Assert.Equal(HttpStatusCode.Unauthorized, header.StatusCode);
        using var anonymous = hub.Client(authenticated: false);
        using var query = await anonymous.GetAsync($"hub/api/user?token={new string('b', 40)}");
        Assert.Equal(HttpStatusCode.Unauthorized, query.StatusCode);
    }
}
