using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Tests;

/// <summary>
/// <c>/hub/api/model-endpoints</c>: a user's own endpoints end to end (create, list, credentials, update, delete) with the
/// key kept only as Data Protection ciphertext and never in a list, the audit log or the hub's log; another user's
/// endpoint (404); fields refused by name (400); deletion with the user.
/// </summary>
[Collection(HubTests.Name)]
public sealed class ModelEndpointTests(HubFixture hub)
{
    private const string Route = ModelEndpointApi.Route;

    [Fact]
    public async Task An_endpoint_is_created_listed_read_with_its_key_updated_and_deleted_and_the_key_is_kept_only_as_ciphertext()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("ep"));
        var key = "sk-test-" + Guid.NewGuid().ToString("N");
        var newKey = "sk-next-" + Guid.NewGuid().ToString("N");

        JsonElement created;
        using (var response = await ModelEndpointApi.CreateAsync(user.Client, new
        {
            name = "gpt-4o-mini",
            provider = "openai-compatible",
            base_url = "https://llm.example.org/v1",
            model = "gpt-4o-mini",
            api_key = key,
            input_cost_per_million = 0.15,
            output_cost_per_million = 0.6,
            is_default = true,
        }))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            Assert.Equal($"/{Route}/gpt-4o-mini", response.Headers.Location?.OriginalString);
            Assert.DoesNotContain(key, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            created = await response.JsonAsync();
        }

        Assert.Equal(
            ["base_url", "has_key", "input_cost_per_million", "is_default", "model", "name", "organization", "output_cost_per_million", "provider", "scope"],
            created.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("user", created.GetProperty("scope").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("organization").ValueKind);
        Assert.True(created.GetProperty("has_key").GetBoolean());
        Assert.True(created.GetProperty("is_default").GetBoolean());
        Assert.Equal(0.15, created.GetProperty("input_cost_per_million").GetDouble());

        // The list: the endpoint without its key.
        using (var list = await user.Client.GetAsync(Route))
        {
            var text = await list.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
            var item = Assert.Single((await list.JsonAsync()).EnumerateArray());
            Assert.False(item.TryGetProperty("api_key", out _));
            Assert.Equal("https://llm.example.org/v1", item.GetProperty("base_url").GetString());
            Assert.Equal("openai-compatible", item.GetProperty("provider").GetString());
        }

        // The database holds the key only as ciphertext, bound to its row: not the key, not containing it.
        var userId = await ModelEndpointApi.UserIdAsync(hub, user.Name);
        var stored = await ModelEndpointApi.DatabaseAsync(hub, db => db.ModelEndpoints.AsNoTracking().SingleAsync(e => e.OwnerId == userId));
        var secret = await ModelEndpointApi.DatabaseAsync(hub, db => db.Secrets.AsNoTracking().SingleAsync(s => s.Id == stored.SecretId));
        Assert.Equal(userId, secret.OwnerId);
        Assert.Equal("model-endpoint-key", secret.Purpose);
        Assert.NotEqual(key, secret.Ciphertext);
        Assert.DoesNotContain(key, secret.Ciphertext, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key)), secret.Ciphertext, StringComparison.Ordinal);
        Assert.True(secret.Ciphertext.Length > key.Length);

        // The credentials: the key, not to be cached.
        using (var credentials = await user.Client.GetAsync($"{Route}/gpt-4o-mini/credentials"))
        {
            Assert.Equal(HttpStatusCode.OK, credentials.StatusCode);
            Assert.True(credentials.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
            var body = await credentials.JsonAsync();
            Assert.Equal(
                ["api_key", "base_url", "input_cost_per_million", "model", "name", "output_cost_per_million", "provider"],
                body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(key, body.GetProperty("api_key").GetString());
            Assert.Equal("gpt-4o-mini", body.GetProperty("model").GetString());
            Assert.Equal(0.6, body.GetProperty("output_cost_per_million").GetDouble());
        }

        // The same name again: 409.
        using (var duplicate = await ModelEndpointApi.CreateAsync(user.Client, new { name = "gpt-4o-mini", provider = "openai", model = "gpt-4o" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
            Assert.Contains("already have a model endpoint named 'gpt-4o-mini'", await duplicate.MessageAsync(), StringComparison.Ordinal);
        }

        // Update without api_key: the key stays.
        using (var update = await user.Client.PutAsJsonAsync($"{Route}/gpt-4o-mini", new { model = "gpt-4.1-mini", input_cost_per_million = (double?)null }))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            var body = await update.JsonAsync();
            Assert.Equal("gpt-4.1-mini", body.GetProperty("model").GetString());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("input_cost_per_million").ValueKind);
            Assert.Equal(0.6, body.GetProperty("output_cost_per_million").GetDouble());
            Assert.True(body.GetProperty("has_key").GetBoolean());
        }

        Assert.Equal(key, (await user.Client.GetJsonAsync($"{Route}/gpt-4o-mini/credentials")).GetProperty("api_key").GetString());

        // A new key replaces it (same row, new ciphertext); "" removes it, and its secret with it.
        using (var replace = await user.Client.PutAsJsonAsync($"{Route}/gpt-4o-mini", new { api_key = newKey }))
        {
            Assert.Equal(HttpStatusCode.OK, replace.StatusCode);
        }

        Assert.Equal(newKey, (await user.Client.GetJsonAsync($"{Route}/gpt-4o-mini/credentials")).GetProperty("api_key").GetString());
        var replaced = await ModelEndpointApi.DatabaseAsync(hub, db => db.Secrets.AsNoTracking().SingleAsync(s => s.OwnerId == userId));
        Assert.Equal(secret.Id, replaced.Id);
        Assert.NotEqual(secret.Ciphertext, replaced.Ciphertext);
        Assert.DoesNotContain(newKey, replaced.Ciphertext, StringComparison.Ordinal);

        using (var remove = await user.Client.PutAsJsonAsync($"{Route}/gpt-4o-mini", new { api_key = "" }))
        {
            Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
            Assert.False((await remove.JsonAsync()).GetProperty("has_key").GetBoolean());
        }

        Assert.Equal(JsonValueKind.Null, (await user.Client.GetJsonAsync($"{Route}/gpt-4o-mini/credentials")).GetProperty("api_key").ValueKind);
        Assert.Equal(0, await ModelEndpointApi.DatabaseAsync(hub, db => db.Secrets.CountAsync(s => s.OwnerId == userId)));

        // Delete: gone, with its key.
        using (var keyed = await user.Client.PutAsJsonAsync($"{Route}/gpt-4o-mini", new { api_key = key }))
        {
            Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        }

        using (var deleted = await user.Client.DeleteAsync($"{Route}/gpt-4o-mini"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var gone = await user.Client.GetAsync($"{Route}/gpt-4o-mini/credentials"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        Assert.Empty((await user.Client.GetJsonAsync(Route)).EnumerateArray());
        Assert.Equal(0, await ModelEndpointApi.DatabaseAsync(hub, db => db.Secrets.CountAsync(s => s.OwnerId == userId)));
        Assert.Equal(0, await ModelEndpointApi.DatabaseAsync(hub, db => db.ModelEndpoints.CountAsync(e => e.OwnerId == userId)));

        // Audited (create, update, credentials, delete), never with a key; nor is a key in the hub's log.
        var audit = await ModelEndpointApi.AuditTextAsync(hub);
        var mine = audit.Where(line => line.StartsWith(user.Name + " model_endpoint.", StringComparison.Ordinal)).ToList();
        foreach (var action in new[] { "create", "update", "credentials", "delete" })
        {
            Assert.Contains(mine, line => line.StartsWith($"{user.Name} model_endpoint.{action} gpt-4o-mini", StringComparison.Ordinal));
        }

        Assert.Contains(mine, line => line.Contains("key replaced", StringComparison.Ordinal));
        Assert.Contains(mine, line => line.Contains("key removed", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, line => line.Contains(key, StringComparison.Ordinal) || line.Contains(newKey, StringComparison.Ordinal));
        Assert.DoesNotContain(hub.Log.Lines, line => line.Contains(key, StringComparison.Ordinal) || line.Contains(newKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_users_endpoint_does_not_exist_for_them()
    {
        using var owner = await hub.CreateUserAsync(Http.Unique("own"));
        using var stranger = await hub.CreateUserAsync(Http.Unique("str"));
        await ModelEndpointApi.CreateOkAsync(owner.Client, new { name = "private", provider = "openai", model = "gpt-4o", api_key = "sk-private-1234567890" });

        foreach (var (method, route, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"{Route}/private/credentials", null),
            (HttpMethod.Put, $"{Route}/private", new { model = "stolen" }),
            (HttpMethod.Delete, $"{Route}/private", null),
        })
        {
            using var hidden = await stranger.Client.SendJsonAsync(method, route, body);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            Assert.DoesNotContain("sk-private", await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Empty((await stranger.Client.GetJsonAsync(Route)).EnumerateArray());

        // Even the hub administrator's own credentials lookup finds only their own endpoints.
        using var admin = hub.Client();
        using (var adminLookup = await admin.GetAsync($"{Route}/private/credentials"))
        {
            Assert.Equal(HttpStatusCode.NotFound, adminLookup.StatusCode);
        }

        // The same name is free for the stranger, and theirs is the one they get.
        await ModelEndpointApi.CreateOkAsync(stranger.Client, new { name = "private", provider = "ollama", base_url = "http://127.0.0.1:11434/v1", model = "llama3.2" });
        var theirs = await stranger.Client.GetJsonAsync($"{Route}/private/credentials");
        Assert.Equal("llama3.2", theirs.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("api_key").ValueKind);
        Assert.Equal("gpt-4o", (await owner.Client.GetJsonAsync($"{Route}/private/credentials")).GetProperty("model").GetString());
    }

    [Fact]
    public async Task Bad_fields_are_refused_with_a_400_that_names_the_field()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("bad"));
        var cases = new (object Body, string Field)[]
        {
            (new { provider = "openai", model = "gpt-4o" }, "'name' is required"),
            (new { name = "Has Spaces", provider = "openai", model = "gpt-4o" }, "'name' must be lower-case"),
            (new { name = "-dash", provider = "openai", model = "gpt-4o" }, "'name' must be lower-case"),
            (new { name = new string('a', 65), provider = "openai", model = "gpt-4o" }, "'name' must be lower-case"),
            (new { name = "x", provider = "anthropic", model = "claude" }, "'provider' must be one of openai, azure-openai, ollama, vllm, openai-compatible"),
            (new { name = "x", model = "gpt-4o" }, "'provider' is required"),
            (new { name = "x", provider = "vllm", model = "m" }, "'base_url' is required"),
            (new { name = "x", provider = "vllm", base_url = "not a url", model = "m" }, "'base_url' must be an absolute http or https URL"),
            (new { name = "x", provider = "vllm", base_url = "/v1", model = "m" }, "'base_url' must be an absolute http or https URL"),
            (new { name = "x", provider = "vllm", base_url = "ftp://models.example.org/v1", model = "m" }, "'base_url' must be an absolute http or https URL"),
            (new { name = "x", provider = "vllm", base_url = "https://user:sk-secret@models.example.org/v1", model = "m" }, "'base_url' must not hold a user name or password"),
            (new { name = "x", provider = "vllm", base_url = "https://models.example.org/v1?key=sk-secret", model = "m" }, "'base_url' must not have a query"),
            (new { name = "x", provider = "vllm", base_url = "https://models.example.org/v1" }, "'model' is required"),
            (new { name = "x", provider = "openai", model = "gpt-4o", input_cost_per_million = -1 }, "'input_cost_per_million' must be a number"),
            (new { name = "x", provider = "openai", model = "gpt-4o", output_cost_per_million = 1e9 }, "'output_cost_per_million' must be a number"),
            (new { name = "x", provider = "openai", model = "gpt-4o", output_cost_per_million = "cheap" }, "'output_cost_per_million' must be a number"),
            (new { name = "x", provider = "openai", model = "gpt-4o", scope = "team" }, "'scope' must be \"user\""),
            (new { name = "x", provider = "openai", model = "gpt-4o", scope = "org" }, "'organization' is required"),
            (new { name = "x", provider = "openai", model = "gpt-4o", scope = "user", organization = "school" }, "'organization' goes with \"scope\": \"org\""),
            (new { name = "x", provider = "openai", model = "gpt-4o", is_default = "yes" }, "'is_default' must be true or false"),
            (new { name = "x", provider = "openai", model = "gpt-4o", api_key = 12345 }, "'api_key' must be a string"),
            (new { name = "x", provider = "openai", model = "gpt-4o", api_key = "sk-bad\nkey" }, "'api_key' must be at most"),
        };
        foreach (var (body, message) in cases)
        {
            using var refused = await ModelEndpointApi.CreateAsync(user.Client, body);
            var text = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)}: {(int)refused.StatusCode} {text}");
            Assert.Contains(message, await refused.MessageAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain("sk-secret", text, StringComparison.Ordinal);
            Assert.DoesNotContain("sk-bad", text, StringComparison.Ordinal);
        }

        // Nothing was made; an openai endpoint without a base URL gets OpenAI's.
        Assert.Empty((await user.Client.GetJsonAsync(Route)).EnumerateArray());
        await ModelEndpointApi.CreateOkAsync(user.Client, new { name = "openai", provider = "openai", model = "gpt-4o" });
        var listed = Assert.Single((await user.Client.GetJsonAsync(Route)).EnumerateArray());
        Assert.Equal("https://api.openai.com/v1", listed.GetProperty("base_url").GetString());
        Assert.False(listed.GetProperty("has_key").GetBoolean());

        // The same checks on update, and the scope cannot change.
        foreach (var (body, message) in new (object Body, string Message)[]
        {
            (new { base_url = "localhost:11434" }, "'base_url' must be an absolute http or https URL"),
            (new { provider = "bard" }, "'provider' must be one of"),
            (new { name = "UPPER" }, "'name' must be lower-case"),
            (new { scope = "org" }, "'scope' cannot change"),
        })
        {
            using var refused = await user.Client.PutAsJsonAsync($"{Route}/openai", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(message, await refused.MessageAsync(), StringComparison.Ordinal);
        }

        using var notJson = await user.Client.PostAsync(Route, new StringContent("[1, 2]", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task Only_one_endpoint_of_a_user_is_the_default_and_a_rename_keeps_the_key()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("def"));
        await ModelEndpointApi.CreateOkAsync(user.Client, new { name = "first", provider = "openai", model = "gpt-4o", is_default = true, api_key = "sk-first-0123456789" });
        await ModelEndpointApi.CreateOkAsync(user.Client, new { name = "second", provider = "ollama", base_url = "http://127.0.0.1:11434/v1", model = "llama3.2", is_default = true });
        var defaults = (await user.Client.GetJsonAsync(Route)).EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("is_default").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["first"] = false, ["second"] = true }, defaults);

        using (var renamed = await user.Client.PutAsJsonAsync($"{Route}/first", new { name = "renamed", is_default = true }))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        defaults = (await user.Client.GetJsonAsync(Route)).EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("is_default").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["renamed"] = true, ["second"] = false }, defaults);
        Assert.Equal("sk-first-0123456789", (await user.Client.GetJsonAsync($"{Route}/renamed/credentials")).GetProperty("api_key").GetString());

        using var clash = await user.Client.PutAsJsonAsync($"{Route}/renamed", new { name = "second" });
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_user_deletes_their_endpoints_and_secrets()
    {
        var name = Http.Unique("gone");
        using (var user = await hub.CreateUserAsync(name))
        {
            await ModelEndpointApi.CreateOkAsync(user.Client, new { name = "mine", provider = "openai", model = "gpt-4o", api_key = "sk-gone-0123456789" });
        }

        var userId = await ModelEndpointApi.UserIdAsync(hub, name);
        Assert.Equal(1, await ModelEndpointApi.DatabaseAsync(hub, db => db.Secrets.CountAsync(s => s.OwnerId == userId)));
        using var admin = hub.Client();
        using (var deleted = await admin.DeleteAsync($"hub/api/users/{name}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(0, await ModelEndpointApi.DatabaseAsync(hub, db => db.Secrets.CountAsync(s => s.OwnerId == userId)));
        Assert.Equal(0, await ModelEndpointApi.DatabaseAsync(hub, db => db.ModelEndpoints.CountAsync(e => e.OwnerId == userId)));
    }
}
