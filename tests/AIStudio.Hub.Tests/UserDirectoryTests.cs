using AIStudio.Hub.Data;
using AIStudio.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AIStudio.Hub.Tests;

/// <summary>The users API reads an in-memory directory: a change through this hub shows at once, one made elsewhere soon.</summary>
[Collection(HubTests.Name)]
public sealed class UserDirectoryTests(HubFixture hub)
{
    [Fact]
    public async Task A_change_made_by_another_hub_on_the_same_database_shows_within_seconds()
    {
        var name = Http.Unique("elsewhere");
        using var user = await hub.CreateUserAsync(name);
        using var admin = hub.Client();
        Assert.False((await admin.GetJsonAsync($"hub/api/users/{name}")).GetProperty("admin").GetBoolean());

        // A bulk update skips this hub's change tracking, as a write by another hub instance on the same database would.
        using (var scope = hub.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            Assert.Equal(1, await db.Users.Where(u => u.UserName == name).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsAdmin, true)));
        }

        using var deadline = Timeouts.After(TimeSpan.FromSeconds(20));
        while (!(await admin.GetJsonAsync($"hub/api/users/{name}")).GetProperty("admin").GetBoolean())
        {
            await Task.Delay(200, deadline.Token);
        }

        // A change through this hub is read back by the next request.
        using var demoted = await admin.PatchAsync($"hub/api/users/{name}", System.Net.Http.Json.JsonContent.Create(new { admin = false }));
        demoted.EnsureSuccessStatusCode();
        Assert.False((await admin.GetJsonAsync($"hub/api/users/{name}")).GetProperty("admin").GetBoolean());
    }
    [Fact]
    public async Task The_users_list_shows_each_user_as_their_own_route_does_and_a_change_at_once()
    {
        // The list is written from JSON kept per snapshot (Snapshot.Json): it must stay what GET /hub/api/users/{name}
        // serializes, and a change must make a new one.
        var name = Http.Unique("listed");
        using var user = await hub.CreateUserAsync(name);
        using var admin = hub.Client();
        using (var response = await admin.GetAsync(new Uri("hub/api/users", UriKind.Relative)))
        {
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Equal(response.Content.Headers.ContentLength, (await response.Content.ReadAsByteArrayAsync()).Length);
        }

        async Task<string> Listed() => (await admin.GetJsonAsync("hub/api/users?limit=200")).EnumerateArray()
            .Single(u => u.GetProperty("name").GetString() == name).GetRawText();
        async Task<string> Own() => (await admin.GetJsonAsync($"hub/api/users/{name}")).GetRawText();

        Assert.Equal(await Own(), await Listed());
        Assert.Contains("\"admin\":false", await Listed(), StringComparison.Ordinal);

        using var promoted = await admin.PatchAsync($"hub/api/users/{name}", System.Net.Http.Json.JsonContent.Create(new { admin = true }));
        promoted.EnsureSuccessStatusCode();
        Assert.Contains("\"admin\":true", await Listed(), StringComparison.Ordinal);
        Assert.Equal(await Own(), await Listed());
    }
}
