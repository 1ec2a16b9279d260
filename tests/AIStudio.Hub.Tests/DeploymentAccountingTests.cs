using System.Net;
using System.Net.Http.Json;
using AIStudio.Hub.Hosting;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>
/// What deployments leave in the hub's books: every change in the audit log; model files counted toward the plan's storage
/// limit (a version that would exceed it refused with a 403 naming the limit, and a save refused once models fill it); and
/// everything of a deleted user's deployments gone with their account (GDPR deletion).
/// </summary>
[Collection(HubTests.Name)]
public sealed class DeploymentAccountingTests(HubFixture hub, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_deployment_change_is_audited()
    {
        using var log = hub.Log.Attach(output);
        using var owner = await hub.CreateUserAsync(Http.Unique("aud"));
        var name = "audited";
        var target = $"{owner.Name}/{name}";
        await DeploymentForm.UploadOkAsync(owner.Client, name, OnnxTestModels.Regression(slope: 1), "one");
        await DeploymentForm.UploadOkAsync(owner.Client, name, OnnxTestModels.Regression(slope: 2), "two");
        using (var split = await owner.Client.PutAsJsonAsync($"hub/api/deployments/{name}/traffic", new Dictionary<string, int> { ["1"] = 90, ["2"] = 10 }))
        {
            Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        }

        using (var rollback = await owner.Client.PostAsJsonAsync($"hub/api/deployments/{name}/rollback", new { version = 1 }))
        {
            Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        }

        var key = await DeploymentForm.CreateKeyAsync(owner.Client, name);
        var keyId = (await owner.Client.GetJsonAsync($"hub/api/deployments/{name}/keys")).EnumerateArray().Single().GetProperty("id").GetString()!;
        using (var revoked = await owner.Client.DeleteAsync($"hub/api/deployments/{name}/keys/{keyId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        using (var deleted = await owner.Client.DeleteAsync($"hub/api/deployments/{name}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var entries = (await ModelEndpointApi.DatabaseAsync(hub, db => Task.FromResult(db.AuditEntries.Where(e => e.Target == target).OrderBy(e => e.Id)
            .Select(e => new { e.Actor, e.Action, e.Detail }).ToList())));
        Assert.Equal(
            ["deployment.version", "deployment.version", "deployment.traffic", "deployment.rollback", "deployment.key_create", "deployment.key_revoke", "deployment.delete"],
            entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(owner.Name, e.Actor));
        Assert.Contains("version 1 (new deployment)", entries[0].Detail, StringComparison.Ordinal);
        Assert.Contains("version 2,", entries[1].Detail, StringComparison.Ordinal);
        Assert.Equal("{\"1\":100} -> {\"1\":90,\"2\":10}", entries[2].Detail);
        Assert.Equal("{\"1\":90,\"2\":10} -> version 1", entries[3].Detail);
        Assert.Contains(keyId, entries[4].Detail, StringComparison.Ordinal);
        Assert.Contains(keyId, entries[5].Detail, StringComparison.Ordinal);
        // A key is never written to the audit log, only its id and prefix.
        Assert.DoesNotContain(entries, e => e.Detail.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Model_files_count_toward_the_storage_limit_and_a_version_over_it_is_refused_naming_it()
    {
        using var log = hub.Log.Attach(output);
        var model = OnnxTestModels.Regression(slope: 3);
        var slug = Http.Unique("store");
        using var admin = hub.Client();
        using (var org = await admin.PostAsJsonAsync("hub/api/orgs", new { slug, plan = "enterprise" }))
        {
            Assert.Equal(HttpStatusCode.Created, org.StatusCode);
        }

        // Room for two models and a little more.
        var limit = (model.Length * 2) + 100;
        using (var set = await admin.PatchAsJsonAsync($"hub/api/orgs/{slug}", new { storage_bytes = limit }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        using var owner = await hub.CreateUserAsync(Http.Unique("quota"), new { org = slug });
        await DeploymentForm.UploadOkAsync(owner.Client, "small", model, "v1");
        Assert.Equal(model.Length, (await admin.GetJsonAsync($"hub/api/users/{owner.Name}/usage")).GetProperty("storage_bytes").GetInt64());
        await DeploymentForm.UploadOkAsync(owner.Client, "small", model, "v2");

        using (var refused = await DeploymentForm.UploadAsync(owner.Client, "small", model, "v3"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var message = await refused.MessageAsync();
            Assert.Contains("Storage limit of the Enterprise plan reached", message, StringComparison.Ordinal);
            Assert.Contains("allowed", message, StringComparison.Ordinal);
        }

        Assert.Equal(2, (await owner.Client.GetJsonAsync("hub/api/deployments/small")).GetProperty("versions").GetArrayLength());
        // The models fill the storage a save would need too.
        using (var save = await owner.Client.PutAsJsonAsync("api/contents/notes.txt", new { type = "file", format = "text", content = new string('x', 200) }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
        }

        // Deleting the deployment gives the room back.
        using (var deleted = await owner.Client.DeleteAsync("hub/api/deployments/small"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(0, (await admin.GetJsonAsync($"hub/api/users/{owner.Name}/usage")).GetProperty("storage_bytes").GetInt64());
        using (var save = await owner.Client.PutAsJsonAsync("api/contents/notes.txt", new { type = "file", format = "text", content = new string('x', 200) }))
        {
            Assert.Equal(HttpStatusCode.Created, save.StatusCode);
        }
    }

    [Fact]
    public async Task Deleting_a_user_removes_their_deployments_model_files_and_keys()
    {
        using var log = hub.Log.Attach(output);
        using var owner = await hub.CreateUserAsync(Http.Unique("gdpr"));
        await DeploymentForm.UploadOkAsync(owner.Client, "personal", OnnxTestModels.Regression(slope: 4), "v1");
        var key = await DeploymentForm.CreateKeyAsync(owner.Client, "personal");
        var userId = await ModelEndpointApi.UserIdAsync(hub, owner.Name);
        var deploymentId = await ModelEndpointApi.DatabaseAsync(hub, db => Task.FromResult(db.Deployments.Single(d => d.OwnerId == userId).Id));
        var folder = Path.Combine(hub.Service<HubOptions>().DeploymentsDirectory, deploymentId);
        Assert.True(Directory.Exists(folder));

        using var admin = hub.Client();
        using (var deleted = await admin.DeleteAsync($"hub/api/users/{owner.Name}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.False(Directory.Exists(folder), "the model files are still on disk");
        Assert.Equal(0, await ModelEndpointApi.DatabaseAsync(hub, db => Task.FromResult(db.DeploymentKeys.Count(k => k.DeploymentId == deploymentId))));
        using var anonymous = hub.Client(authenticated: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"deployments/{owner.Name}/personal/predict") { Content = JsonContent.Create(new { inputs = new { } }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using (var call = await anonymous.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.NotFound, call.StatusCode);
        }

        var audit = await ModelEndpointApi.AuditTextAsync(hub);
        Assert.Contains(audit, e => e.EndsWith($" deployment.delete {owner.Name}/personal with the owner's account", StringComparison.Ordinal));
    }
}
