using System.Net;
using System.Net.Http.Json;

namespace AIStudio.Hub.Tests;

/// <summary>The organization admin page: members and roles for an organization's owner, plans for hub administrators only, 404 for anyone else.</summary>
[Collection(HubTests.Name)]
public sealed class AdminPageTests(HubFixture hub)
{
    [Fact]
    public async Task An_owner_adds_promotes_and_removes_members_and_cannot_change_the_plan()
    {
        using var owner = await hub.CreateUserAsync(Http.Unique("owner"));
        using var learner = await hub.CreateUserAsync(Http.Unique("learner"));
        var slug = Http.Unique("school");
        using (var created = await owner.Client.PostAsJsonAsync("hub/api/orgs", new { slug, name = "A school" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var browser = await PageBrowser.SignedInAsync(hub, owner.Token);
        var page = $"hub/admin?org={slug}";
        var html = await browser.GetStringAsync(page);
        Assert.Contains($"data-member=\"{owner.Name}\"", html, StringComparison.Ordinal);
        Assert.Contains("Plans are changed by the hub's administrators.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        using (var added = await PageBrowser.PostAsync(browser, page, "SetRole", new() { ["org"] = slug, ["name"] = learner.Name, ["role"] = "student" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        Assert.Contains((await owner.Client.GetJsonAsync($"hub/api/orgs/{slug}/members")).EnumerateArray(),
            m => m.GetProperty("name").GetString() == learner.Name && m.GetProperty("role").GetString() == "student");

        using (var promoted = await PageBrowser.PostAsync(browser, page, "SetRole", new() { ["org"] = slug, ["name"] = learner.Name, ["role"] = "instructor" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
            Assert.Contains("is%20now%20instructor", promoted.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        // The last owner cannot step down, nobody unknown is added, and the plan is not theirs to change: each says why.
        using (var lastOwner = await PageBrowser.PostAsync(browser, page, "SetRole", new() { ["org"] = slug, ["name"] = owner.Name, ["role"] = "member" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, lastOwner.StatusCode);
            Assert.Contains("would have no owner left", await lastOwner.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var unknown = await PageBrowser.PostAsync(browser, page, "SetRole", new() { ["org"] = slug, ["name"] = "nobody-" + Guid.NewGuid().ToString("N")[..6], ["role"] = "member" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var plan = await PageBrowser.PostAsync(browser, page, "Plan", new() { ["org"] = slug, ["plan"] = "enterprise" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, plan.StatusCode);
        }

        Assert.Equal("free", (await owner.Client.GetJsonAsync($"hub/api/orgs/{slug}")).GetProperty("plan").GetProperty("name").GetString());

        using (var removed = await PageBrowser.PostAsync(browser, page, "Remove", new() { ["org"] = slug, ["name"] = learner.Name }))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        Assert.DoesNotContain((await owner.Client.GetJsonAsync($"hub/api/orgs/{slug}/members")).EnumerateArray(), m => m.GetProperty("name").GetString() == learner.Name);

        // The learner administers nothing; another organization's page is not found for them.
        using var learnerBrowser = await PageBrowser.SignedInAsync(hub, learner.Token);
        using (var none = await learnerBrowser.GetAsync(page))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }
    }

    [Fact]
    public async Task A_hub_administrator_moves_an_organization_to_another_plan()
    {
        using var owner = await hub.CreateUserAsync(Http.Unique("payer"));
        var slug = Http.Unique("company");
        (await owner.Client.PostAsJsonAsync("hub/api/orgs", new { slug })).Dispose();

        using var admin = await PageBrowser.SignedInAsync(hub, HubFixture.Token);
        using (var changed = await PageBrowser.PostAsync(admin, $"hub/admin?org={slug}", "Plan", new() { ["org"] = slug, ["plan"] = "professional" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        Assert.Equal("professional", (await owner.Client.GetJsonAsync($"hub/api/orgs/{slug}")).GetProperty("plan").GetProperty("name").GetString());
        Assert.Contains("Professional plan", await admin.GetStringAsync($"hub/admin?org={slug}"), StringComparison.Ordinal);
    }
}
