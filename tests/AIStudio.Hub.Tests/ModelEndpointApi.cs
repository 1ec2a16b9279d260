using System.Net;
using System.Net.Http.Json;
using AIStudio.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AIStudio.Hub.Tests;

/// <summary>Helpers of the model endpoint and agent tests: tokens like a kernel's, organizations, and the database read directly.</summary>
internal static class ModelEndpointApi
{
    public const string Route = "hub/api/model-endpoints";

    /// <summary>A client with a new token of scope <c>self</c>, as the hub gives each kernel (Kernels/KernelStarter).</summary>
    public static async Task<HttpClient> KernelTokenClientAsync(HubFixture hub, TestUser user)
    {
        using var created = await user.Client.PostAsJsonAsync($"hub/api/users/{user.Name}/tokens", new { note = "kernel: test", scopes = new[] { "self" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return hub.ClientWithToken((await created.JsonAsync()).GetProperty("token").GetString()!);
    }

    /// <summary>A shared organization on <paramref name="plan"/>, made by the hub administrator.</summary>
    public static async Task<string> OrganizationAsync(HubFixture hub, string plan = "free")
    {
        var slug = Http.Unique("org");
        using var admin = hub.Client();
        using var created = await admin.PostAsJsonAsync("hub/api/orgs", new { slug, name = "Lab " + slug, plan });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return slug;
    }

    public static async Task<HttpResponseMessage> CreateAsync(HttpClient client, object body) =>
        await client.PostAsJsonAsync(Route, body);

    /// <summary>Creates an endpoint, asserting 201.</summary>
    public static async Task CreateOkAsync(HttpClient client, object body)
    {
        using var created = await CreateAsync(client, body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    /// <summary>Reads the hub's database directly (not through the API).</summary>
    public static async Task<T> DatabaseAsync<T>(HubFixture hub, Func<HubDbContext, Task<T>> read)
    {
        using var scope = hub.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    public static Task<string> UserIdAsync(HubFixture hub, string name) =>
        DatabaseAsync(hub, db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync());

    /// <summary>Every audit entry's text (actor, action, target, detail), to check a key never reached it.</summary>
    public static Task<List<string>> AuditTextAsync(HubFixture hub) =>
        DatabaseAsync(hub, db => db.AuditEntries.AsNoTracking().Select(e => e.Actor + " " + e.Action + " " + e.Target + " " + e.Detail).ToListAsync());
}
