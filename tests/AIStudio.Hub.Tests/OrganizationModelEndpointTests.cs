using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Tests;

/// <summary>
/// An organization's model endpoints: configured by its owners and admins only (a member: 403; someone outside: 404),
/// listed for and used by every member, a kernel's token (scope <c>self</c>) included; the user's own endpoint of a name
/// comes before their organization's.
/// </summary>
[Collection(HubTests.Name)]
public sealed class OrganizationModelEndpointTests(HubFixture hub)
{
    private const string Route = ModelEndpointApi.Route;

    [Fact]
    public async Task Admins_configure_an_organizations_endpoints_and_every_member_uses_them()
    {
        var slug = await ModelEndpointApi.OrganizationAsync(hub, "professional");
        using var orgAdmin = await hub.CreateUserAsync(Http.Unique("adm"), new { org = slug, role = "admin" });
        using var member = await hub.CreateUserAsync(Http.Unique("mem"), new { org = slug, role = "student" });
        using var outsider = await hub.CreateUserAsync(Http.Unique("out"));
        const string key = "sk-org-shared-0123456789abcdef";
        var body = new { name = "lab-gpt", scope = "org", organization = slug, provider = "azure-openai", base_url = "https://lab.openai.azure.com/", model = "gpt-4o", api_key = key };

        // A member may not configure it, nor may someone outside (for whom the organization does not exist).
        using (var refused = await ModelEndpointApi.CreateAsync(member.Client, body))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains($"Only owners and admins of {slug}", await refused.MessageAsync(), StringComparison.Ordinal);
        }

        using (var hidden = await ModelEndpointApi.CreateAsync(outsider.Client, body))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        // Nor may the admin's kernel token (scope self): it acts for the user's own things only.
        using (var kernelOfAdmin = await ModelEndpointApi.KernelTokenClientAsync(hub, orgAdmin))
        using (var refused = await ModelEndpointApi.CreateAsync(kernelOfAdmin, body))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        JsonElement created;
        using (var response = await ModelEndpointApi.CreateAsync(orgAdmin.Client, body))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            Assert.Equal($"/{Route}/lab-gpt?organization={slug}", response.Headers.Location?.OriginalString);
            created = await response.JsonAsync();
        }

        Assert.Equal("org", created.GetProperty("scope").GetString());
        Assert.Equal(slug, created.GetProperty("organization").GetString());

        using (var duplicate = await ModelEndpointApi.CreateAsync(orgAdmin.Client, body))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        }

        // The secret belongs to the organization, as ciphertext.
        var organizationId = await ModelEndpointApi.DatabaseAsync(hub, db => db.Organizations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync());
        var secret = await ModelEndpointApi.DatabaseAsync(hub, db => db.Secrets.AsNoTracking().SingleAsync(s => s.OrganizationId == organizationId));
        Assert.Null(secret.OwnerId);
        Assert.DoesNotContain(key, secret.Ciphertext, StringComparison.Ordinal);

        // Every member sees it (without the key) and reads its credentials, with their own token or their kernel's.
        var listed = Assert.Single((await member.Client.GetJsonAsync(Route)).EnumerateArray());
        Assert.Equal(slug, listed.GetProperty("organization").GetString());
        Assert.True(listed.GetProperty("has_key").GetBoolean());
        Assert.DoesNotContain(key, listed.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(key, (await member.Client.GetJsonAsync($"{Route}/lab-gpt/credentials")).GetProperty("api_key").GetString());
        using (var kernel = await ModelEndpointApi.KernelTokenClientAsync(hub, member))
        {
            var credentials = await kernel.GetJsonAsync($"{Route}/lab-gpt/credentials");
            Assert.Equal(key, credentials.GetProperty("api_key").GetString());
            Assert.Equal("azure-openai", credentials.GetProperty("provider").GetString());
            Assert.Single((await kernel.GetJsonAsync(Route)).EnumerateArray());
        }

        // Someone outside: not there at all.
        Assert.Empty((await outsider.Client.GetJsonAsync(Route)).EnumerateArray());
        foreach (var route in new[] { $"{Route}/lab-gpt/credentials", $"{Route}/lab-gpt/credentials?organization={slug}" })
        {
            using var hidden = await outsider.Client.GetAsync(route);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using (var hiddenDelete = await outsider.Client.DeleteAsync($"{Route}/lab-gpt?organization={slug}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hiddenDelete.StatusCode);
        }

        // A member may not change or delete it.
        using (var refusedUpdate = await member.Client.PutAsJsonAsync($"{Route}/lab-gpt?organization={slug}", new { model = "gpt-4o-mini" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refusedUpdate.StatusCode);
        }

        using (var refusedDelete = await member.Client.DeleteAsync($"{Route}/lab-gpt?organization={slug}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refusedDelete.StatusCode);
        }

        // The member's own endpoint of the same name comes first; ?organization= picks the organization's.
        await ModelEndpointApi.CreateOkAsync(member.Client, new { name = "lab-gpt", provider = "ollama", base_url = "http://127.0.0.1:11434/v1", model = "llama3.2" });
        Assert.Equal("llama3.2", (await member.Client.GetJsonAsync($"{Route}/lab-gpt/credentials")).GetProperty("model").GetString());
        Assert.Equal(key, (await member.Client.GetJsonAsync($"{Route}/lab-gpt/credentials?organization={slug}")).GetProperty("api_key").GetString());
        var both = (await member.Client.GetJsonAsync(Route)).EnumerateArray().Select(e => e.GetProperty("scope").GetString()!).ToArray();
        Assert.Equal(["user", "org"], both);

        // The admin updates it (key kept) and deletes it.
        using (var update = await orgAdmin.Client.PutAsJsonAsync($"{Route}/lab-gpt?organization={slug}", new { model = "gpt-4o-mini", is_default = true }))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            Assert.True((await update.JsonAsync()).GetProperty("is_default").GetBoolean());
        }

        Assert.Equal(key, (await member.Client.GetJsonAsync($"{Route}/lab-gpt/credentials?organization={slug}")).GetProperty("api_key").GetString());
        using (var deleted = await orgAdmin.Client.DeleteAsync($"{Route}/lab-gpt?organization={slug}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(0, await ModelEndpointApi.DatabaseAsync(hub, db => db.Secrets.CountAsync(s => s.OrganizationId == organizationId)));
        Assert.Equal("llama3.2", (await member.Client.GetJsonAsync($"{Route}/lab-gpt/credentials")).GetProperty("model").GetString());

        // Audited in the organization's log, never with the key.
        var audit = await ModelEndpointApi.AuditTextAsync(hub);
        Assert.Contains(audit, line => line.StartsWith($"{member.Name} model_endpoint.credentials {slug}/lab-gpt", StringComparison.Ordinal));
        Assert.Contains(audit, line => line.StartsWith($"{orgAdmin.Name} model_endpoint.delete {slug}/lab-gpt", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, line => line.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(hub.Log.Lines, line => line.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_personal_organization_has_no_organization_endpoints()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("solo"));
        using var refused = await ModelEndpointApi.CreateAsync(user.Client, new { name = "x", scope = "org", organization = $"~{user.Name}", provider = "openai", model = "gpt-4o" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("'organization'", await refused.MessageAsync(), StringComparison.Ordinal);
    }
}
