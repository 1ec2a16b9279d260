using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

/// <summary>Another tenant's things do not exist for a caller: every resource and verb answers 404, and nothing changes.</summary>
[Collection(HubTests.Name)]
public sealed class TenancyTests(HubFixture hub)
{
    [Fact]
    public async Task Another_users_kernels_sessions_files_and_websocket_answer_404_for_every_verb()
    {
        using var alice = await hub.CreateUserAsync(Http.Unique("alice"));
        using var bob = await hub.CreateUserAsync(Http.Unique("bob"));
        using (var save = await alice.Client.PutAsJsonAsync("api/contents/secret.txt", new { type = "file", format = "text", content = "alice's secret" }))
        {
            Assert.Equal(HttpStatusCode.Created, save.StatusCode);
        }

        using var created = await alice.Client.PostAsJsonAsync("api/sessions", new { path = "secret.ipynb", type = "notebook", kernel = new { name = "aistudio-csharp" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = await created.JsonAsync();
        var sessionId = session.GetProperty("id").GetString()!;
        var kernelId = session.GetProperty("kernel").GetProperty("id").GetString()!;

        var attempts = new (HttpMethod Method, string Route, object? Body)[]
        {
            (HttpMethod.Get, $"api/kernels/{kernelId}", null),
            (HttpMethod.Delete, $"api/kernels/{kernelId}", null),
            (HttpMethod.Post, $"api/kernels/{kernelId}/interrupt", null),
            (HttpMethod.Post, $"api/kernels/{kernelId}/restart", null),
            (HttpMethod.Get, $"api/sessions/{sessionId}", null),
            (HttpMethod.Patch, $"api/sessions/{sessionId}", new { path = "stolen.ipynb" }),
            (HttpMethod.Delete, $"api/sessions/{sessionId}", null),
            (HttpMethod.Get, "api/contents/secret.txt", null),
            (HttpMethod.Delete, "api/contents/secret.txt", null),
            (HttpMethod.Patch, "api/contents/secret.txt", new { path = "taken.txt" }),
            (HttpMethod.Get, $"hub/api/users/{alice.Name}", null),
            (HttpMethod.Patch, $"hub/api/users/{alice.Name}", new { email = "x@example.org" }),
            (HttpMethod.Delete, $"hub/api/users/{alice.Name}", null),
            (HttpMethod.Get, $"hub/api/users/{alice.Name}/tokens", null),
            (HttpMethod.Post, $"hub/api/users/{alice.Name}/tokens", new { note = "mine now" }),
            (HttpMethod.Get, $"hub/api/users/{alice.Name}/kernels", null),
            (HttpMethod.Delete, $"hub/api/users/{alice.Name}/kernels/{kernelId}", null),
            (HttpMethod.Get, $"hub/api/users/{alice.Name}/usage", null),
            (HttpMethod.Get, $"hub/api/orgs/~{alice.Name}", null),
            (HttpMethod.Get, $"hub/api/orgs/~{alice.Name}/usage", null),
            (HttpMethod.Patch, $"hub/api/orgs/~{alice.Name}", new { name = "mine" }),
        };
        foreach (var (method, route, body) in attempts)
        {
            using var response = await bob.Client.SendJsonAsync(method, route, body);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // A session asked for with alice's kernel id gets a kernel of bob's own, as for any unknown id (jupyter_server's rule).
        using (var own = await bob.Client.PostAsJsonAsync("api/sessions", new { path = "mine.ipynb", type = "notebook", kernel = new { id = kernelId, name = "aistudio-csharp" } }))
        {
            Assert.Equal(HttpStatusCode.Created, own.StatusCode);
            var bobs = await own.JsonAsync();
            Assert.NotEqual(kernelId, bobs.GetProperty("kernel").GetProperty("id").GetString());
            using var gone = await bob.Client.DeleteAsync($"api/sessions/{bobs.GetProperty("id").GetString()}");
            Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);
        }

        var kernels = await bob.Client.GetJsonAsync("api/kernels");
        Assert.DoesNotContain(kernels.EnumerateArray(), k => k.GetProperty("id").GetString() == kernelId);
        var sessions = await bob.Client.GetJsonAsync("api/sessions");
        Assert.Equal(0, sessions.GetArrayLength());
        var users = await bob.Client.GetJsonAsync("hub/api/users");
        Assert.Equal(new[] { bob.Name }, users.EnumerateArray().Select(u => u.GetProperty("name").GetString()!));

        using (var socket = new ClientWebSocket())
        {
            socket.Options.CollectHttpResponseDetails = true;
            var uri = new UriBuilder(new Uri(hub.BaseAddress, $"api/kernels/{kernelId}/channels")) { Scheme = "ws", Query = $"token={bob.Token}" }.Uri;
            using var timeout = Timeouts.After(Timeouts.Request);
            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, timeout.Token));
            Assert.Equal(HttpStatusCode.NotFound, socket.HttpStatusCode);
        }

        // Nothing of alice's changed.
        var still = await alice.Client.GetJsonAsync($"api/sessions/{sessionId}");
        Assert.Equal("secret.ipynb", still.GetProperty("path").GetString());
        var file = await alice.Client.GetJsonAsync("api/contents/secret.txt");
        Assert.Equal("alice's secret", file.GetProperty("content").GetString());
        Assert.Equal(kernelId, (await alice.Client.GetJsonAsync($"api/kernels/{kernelId}")).GetProperty("id").GetString());
        var tokens = await alice.Client.GetJsonAsync($"hub/api/users/{alice.Name}/tokens");
        // Her own token and the one her running kernel calls the hub with.
        Assert.Equal(["kernel:", "test"], tokens.GetProperty("api_tokens").EnumerateArray().Select(t => t.GetProperty("note").GetString()!.Split(' ')[0]).Order(StringComparer.Ordinal));

        using var deleted = await alice.Client.DeleteAsync($"api/sessions/{sessionId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Organization_roles_decide_what_members_see_and_change()
    {
        var slug = Http.Unique("school");
        using var admin = hub.Client();
        using (var org = await admin.PostAsJsonAsync("hub/api/orgs", new { slug, name = "A school" }))
        {
            Assert.Equal(HttpStatusCode.Created, org.StatusCode);
        }

        using var principal = await hub.CreateUserAsync(Http.Unique("principal"), new { org = slug, role = "admin" });
        using var teacher = await hub.CreateUserAsync(Http.Unique("teacher"), new { org = slug, role = "instructor" });
        using var ada = await hub.CreateUserAsync(Http.Unique("ada"), new { org = slug, role = "student" });
        using var ben = await hub.CreateUserAsync(Http.Unique("ben"), new { org = slug, role = "student" });
        using var outsider = await hub.CreateUserAsync(Http.Unique("outsider"));

        // The instructor sees the organization's members, not others.
        var seen = (await teacher.Client.GetJsonAsync("hub/api/users")).EnumerateArray().Select(u => u.GetProperty("name").GetString()).ToArray();
        Assert.Contains(ada.Name, seen);
        Assert.Contains(ben.Name, seen);
        Assert.DoesNotContain(outsider.Name, seen);
        using (var hidden = await teacher.Client.GetAsync($"hub/api/users/{outsider.Name}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        // A student sees only themselves.
        var studentView = (await ada.Client.GetJsonAsync("hub/api/users")).EnumerateArray().Select(u => u.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(new[] { ada.Name }, studentView);
        using (var classmate = await ada.Client.GetAsync($"hub/api/users/{ben.Name}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, classmate.StatusCode);
        }

        // Groups: the org admin creates one; the instructor fills it with members only; the student reads it; the outsider cannot see it.
        using (var byTeacher = await teacher.Client.PostAsJsonAsync($"hub/api/groups/class-a?org={slug}", new { }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byTeacher.StatusCode);
        }

        using (var group = await principal.Client.PostAsJsonAsync($"hub/api/groups/class-a?org={slug}", new { users = new[] { ada.Name } }))
        {
            Assert.Equal(HttpStatusCode.Created, group.StatusCode);
        }

        using (var add = await teacher.Client.PostAsJsonAsync($"hub/api/groups/class-a/users?org={slug}", new { users = new[] { ben.Name } }))
        {
            Assert.Equal(HttpStatusCode.OK, add.StatusCode);
            Assert.Equal(new[] { ada.Name, ben.Name }.Order(StringComparer.Ordinal), (await add.JsonAsync()).GetProperty("users").EnumerateArray().Select(u => u.GetString()));
        }

        using (var addOutsider = await teacher.Client.PostAsJsonAsync($"hub/api/groups/class-a/users?org={slug}", new { users = new[] { outsider.Name } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, addOutsider.StatusCode);
            Assert.Contains(outsider.Name, await addOutsider.MessageAsync(), StringComparison.Ordinal);
        }

        var studentGroup = await ada.Client.GetJsonAsync($"hub/api/groups/class-a?org={slug}");
        Assert.Equal(2, studentGroup.GetProperty("users").GetArrayLength());
        using (var outsiderGroup = await outsider.Client.GetAsync($"hub/api/groups/class-a?org={slug}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, outsiderGroup.StatusCode);
        }

        var adaUser = await ada.Client.GetJsonAsync($"hub/api/users/{ada.Name}");
        Assert.Equal($"{slug}/class-a", adaUser.GetProperty("groups")[0].GetString());

        // Roles: the instructor may read kernels but not stop them, and cannot change roles; the org admin can, but not make owners.
        using (var stop = await teacher.Client.DeleteAsync($"hub/api/users/{ada.Name}/kernels/nope"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, stop.StatusCode);
        }

        using (var promote = await teacher.Client.PutAsJsonAsync($"hub/api/orgs/{slug}/members/{ada.Name}", new { role = "instructor" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, promote.StatusCode);
        }

        using (var promote = await principal.Client.PutAsJsonAsync($"hub/api/orgs/{slug}/members/{ada.Name}", new { role = "instructor" }))
        {
            Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        }

        using (var owner = await principal.Client.PutAsJsonAsync($"hub/api/orgs/{slug}/members/{ben.Name}", new { role = "owner" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, owner.StatusCode);
        }

        // Promoted, ada now sees ben (her rights are read fresh, her token is the same).
        var afterPromotion = await ada.Client.GetJsonAsync($"hub/api/users/{ben.Name}");
        Assert.Equal(ben.Name, afterPromotion.GetProperty("name").GetString());

        // Usage: instructors read it, students may see the organization but not its usage, outsiders nothing.
        Assert.Equal(slug, (await teacher.Client.GetJsonAsync($"hub/api/orgs/{slug}/usage")).GetProperty("organization").GetString());
        using (var studentUsage = await ben.Client.GetAsync($"hub/api/orgs/{slug}/usage"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, studentUsage.StatusCode);
        }

        using (var outsiderUsage = await outsider.Client.GetAsync($"hub/api/orgs/{slug}/usage"))
        {
            Assert.Equal(HttpStatusCode.NotFound, outsiderUsage.StatusCode);
        }

        // The audit log: the org admin reads the organization's entries, a student reads none.
        var audit = await principal.Client.GetJsonAsync("hub/api/audit?action=org.role");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("target").GetString() == ada.Name && e.GetProperty("actor").GetString() == principal.Name);
        using (var studentAudit = await ben.Client.GetAsync("hub/api/audit"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, studentAudit.StatusCode);
        }

        var outsiderAuditView = await admin.GetJsonAsync("hub/api/audit?limit=500");
        Assert.Contains(outsiderAuditView.EnumerateArray(), e => e.GetProperty("action").GetString() == "token.create");
    }

    [Fact]
    public async Task An_organization_keeps_an_owner_and_members_own_organization_cannot_be_left()
    {
        var slug = Http.Unique("club");
        using var founder = await hub.CreateUserAsync(Http.Unique("founder"));
        using (var org = await founder.Client.PostAsJsonAsync("hub/api/orgs", new { slug }))
        {
            Assert.Equal(HttpStatusCode.Created, org.StatusCode);
        }

        using (var paid = await founder.Client.PostAsJsonAsync("hub/api/orgs", new { slug = slug + "-pro", plan = "professional" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, paid.StatusCode);
        }

        using (var demote = await founder.Client.PutAsJsonAsync($"hub/api/orgs/{slug}/members/{founder.Name}", new { role = "member" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
            Assert.Contains("no owner", await demote.MessageAsync(), StringComparison.Ordinal);
        }

        using var member = await hub.CreateUserAsync(Http.Unique("member"), new { org = slug, role = "member" });
        using (var leaveOwn = await founder.Client.DeleteAsync($"hub/api/orgs/{slug}/members/{member.Name}"))
        {
            Assert.Equal(HttpStatusCode.Conflict, leaveOwn.StatusCode);
        }

        using (var duplicate = await founder.Client.PostAsJsonAsync("hub/api/orgs", new { slug }))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        }

        using var badSlug = await founder.Client.PostAsJsonAsync("hub/api/orgs", new { slug = "~mine" });
        Assert.Equal(HttpStatusCode.BadRequest, badSlug.StatusCode);
    }
}
