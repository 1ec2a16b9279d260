using System.Net;
using System.Net.Http.Json;
using AIStudio.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AIStudio.Hub.Tests;

/// <summary>The database on the provider under test: migrations applied (on SQLite, connections that wait for a busy database in SQLite itself), data kept across a restart, the admin token re-provisioned.</summary>
public sealed class DatabaseTests
{
    [Fact]
    public async Task Migrations_are_applied_and_accounts_survive_a_restart_that_replaces_the_admin_token()
    {
        var first = new HubFixture();
        HubFixture? second = null;
        try
        {
            await RunAsync(first, hub => second = hub);
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            await first.DisposeAsync();
        }
    }

    private static async Task RunAsync(HubFixture first, Action<HubFixture> started)
    {
        await first.InitializeAsync();
        using (var scope = first.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            Assert.Equal(first.Database == DatabaseProvider.Postgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            if (first.Database == DatabaseProvider.Sqlite)
            {
                // SQLite's own busy handler waits for another writer, not Microsoft.Data.Sqlite's fixed 150 ms sleep.
                await db.Database.OpenConnectionAsync();
                try
                {
                    using var command = db.Database.GetDbConnection().CreateCommand();
                    command.CommandText = "PRAGMA busy_timeout";
                    Assert.Equal(30_000L, await command.ExecuteScalarAsync());
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            }
        }

        using (var admin = first.Client())
        {
            var info = await admin.GetJsonAsync("hub/api/info");
            Assert.Equal(first.Database.ToString().ToLowerInvariant(), info.GetProperty("database").GetString());
        }

        var name = Http.Unique("durable");
        string token;
        using (var user = await first.CreateUserAsync(name, new { password = "durable password" }))
        {
            token = user.Token;
            using var saved = await user.Client.PutAsJsonAsync("api/contents/kept.txt", new { type = "file", format = "text", content = "still here" });
            Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        }

        await first.StopAsync();

        const string rotated = "rotated-admin-token-0123456789";
        var second = new HubFixture(first, rotated);
        started(second);
        await second.InitializeAsync();
        using (var admin = second.Client())
        {
            var user = await admin.GetJsonAsync($"hub/api/users/{name}");
            Assert.Equal(name, user.GetProperty("name").GetString());
            var users = await admin.GetJsonAsync("hub/api/users");
            Assert.Single(users.EnumerateArray(), u => u.GetProperty("admin").GetBoolean());
        }

        using (var old = second.ClientWithToken(HubFixture.Token))
        {
            using var refused = await old.GetAsync("api/status");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var browser = second.Client(authenticated: false);
        using var login = await browser.PostAsJsonAsync("hub/api/auth/login", new { username = name, password = "durable password" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var owner = second.ClientWithToken(token);
        var file = await owner.GetJsonAsync("api/contents/kept.txt");
        Assert.Equal("still here", file.GetProperty("content").GetString());
    }
}
