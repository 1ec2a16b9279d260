using System.Net;
using System.Net.Http.Json;
using AIStudio.Hub.Accounts;
using AIStudio.Hub.Data;
using AIStudio.Hub.Organizations;
using AIStudio.Hub.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AIStudio.Hub.Tests;

/// <summary>Sign-up, sign-in, lockout, sign-out, and the cookie session's XSRF protection, with the real Identity store.</summary>
[Collection(HubTests.Name)]
public sealed class AccountTests(HubFixture hub)
{
    private (HttpClient Client, CookieContainer Cookies) Browser()
    {
        var cookies = new CookieContainer();
#pragma warning disable CA2000 // the client owns and disposes the handler
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }, disposeHandler: true) { BaseAddress = hub.BaseAddress };
#pragma warning restore CA2000
        return (client, cookies);
    }

    private string? Xsrf(CookieContainer cookies) => cookies.GetCookies(hub.BaseAddress)["_xsrf"]?.Value;

    [Fact]
    public async Task Sign_up_gives_a_cookie_session_whose_unsafe_requests_need_the_xsrf_header()
    {
        var (browser, cookies) = Browser();
        using var _ = browser;
        var name = Http.Unique("signup");
        using (var signup = await browser.PostAsJsonAsync("hub/api/auth/signup", new { username = name, password = "a long passphrase" }))
        {
            Assert.Equal(HttpStatusCode.Created, signup.StatusCode);
            var user = await signup.JsonAsync();
            Assert.Equal(name, user.GetProperty("name").GetString());
            Assert.Equal("~" + name, user.GetProperty("organizations")[0].GetProperty("org").GetString());
            Assert.Equal("owner", user.GetProperty("organizations")[0].GetProperty("role").GetString());
        }

        var me = await browser.GetJsonAsync("api/me");
        Assert.Equal(name, me.GetProperty("identity").GetProperty("username").GetString());

        using (var forged = await browser.PostAsJsonAsync("api/contents", new { type = "notebook" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            Assert.Contains("_xsrf", await forged.MessageAsync(), StringComparison.Ordinal);
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Post, "api/contents") { Content = JsonContent.Create(new { type = "notebook" }) })
        {
            wrong.Headers.Add("X-XSRFToken", "not-the-cookie");
            using var refused = await browser.SendAsync(wrong);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var xsrf = Xsrf(cookies);
        Assert.False(string.IsNullOrEmpty(xsrf));
        using (var right = new HttpRequestMessage(HttpMethod.Post, "api/contents") { Content = JsonContent.Create(new { type = "notebook" }) })
        {
            right.Headers.Add("X-XSRFToken", xsrf);
            using var created = await browser.SendAsync(right);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var logout = new HttpRequestMessage(HttpMethod.Post, "hub/api/auth/logout"))
        {
            logout.Headers.Add("X-XSRFToken", xsrf);
            using var done = await browser.SendAsync(logout);
            Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        }

        using var after = await browser.GetAsync("api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Sign_in_checks_the_password_and_locks_the_account_after_five_failures()
    {
        var name = Http.Unique("lock");
        using var user = await hub.CreateUserAsync(name, new { password = "correct horse battery" });
        var (browser, cookies) = Browser();
        using var _ = browser;

        using (var ok = await browser.PostAsJsonAsync("hub/api/auth/login", new { username = name.ToUpperInvariant(), password = "correct horse battery" }))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.NotNull(Xsrf(cookies));
        }

        // Guesses come from elsewhere (a browser without the session, which would also need the XSRF header).
        using var guesser = hub.Client(authenticated: false);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await guesser.PostAsJsonAsync("hub/api/auth/login", new { username = name, password = "wrong password" });
            var expected = attempt < 5 ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            Assert.Equal(expected, wrong.StatusCode);
        }

        using var locked = await guesser.PostAsJsonAsync("hub/api/auth/login", new { username = name, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Forbidden, locked.StatusCode);
        Assert.Contains("locked", await locked.MessageAsync(), StringComparison.Ordinal);

        // The failures and the lockout are in the audit log, for the administrator.
        using var admin = hub.Client();
        var failures = await admin.GetJsonAsync("hub/api/audit?action=auth.login_failed&limit=500");
        Assert.True(failures.EnumerateArray().Count(e => e.GetProperty("target").GetString() == name) >= 4);
        var lockouts = await admin.GetJsonAsync("hub/api/audit?action=auth.locked_out");
        Assert.Contains(lockouts.EnumerateArray(), e => e.GetProperty("target").GetString() == name);
    }

    [Fact]
    public async Task Sign_up_refuses_bad_names_short_passwords_and_taken_names_with_a_reason()
    {
        using var client = hub.Client(authenticated: false);
        using (var badName = await client.PostAsJsonAsync("hub/api/auth/signup", new { username = "../etc", password = "a long passphrase" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
            Assert.Contains("Invalid user name", await badName.MessageAsync(), StringComparison.Ordinal);
        }

        using (var shortPassword = await client.PostAsJsonAsync("hub/api/auth/signup", new { username = Http.Unique("short"), password = "abc" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
            Assert.Contains("at least 8", await shortPassword.MessageAsync(), StringComparison.Ordinal);
        }

        using (var taken = await client.PostAsJsonAsync("hub/api/auth/signup", new { username = "admin", password = "a long passphrase" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        }

        using var missing = await client.PostAsJsonAsync("hub/api/auth/signup", new { username = Http.Unique("nopw") });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("'password' is required", await missing.MessageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_signs_in_as_a_browser_form_would()
    {
        var name = Http.Unique("form");
        using var user = await hub.CreateUserAsync(name, new { password = "form password 1" });
        var (browser, cookies) = Browser();
        using var _ = browser;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = name, ["password"] = "form password 1" });
        using var response = await browser.PostAsync("hub/api/auth/login", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await browser.GetJsonAsync("hub/api/user");
        Assert.Equal(name, me.GetProperty("name").GetString());
        Assert.Contains(me.GetProperty("scopes").EnumerateArray(), s => s.GetString() == $"kernels!user={name}");
    }

    [Fact]
    public async Task The_first_administrator_is_a_whole_Identity_user_owning_a_personal_organization_on_the_enterprise_plan()
    {
        // On SQLite the hub makes it on the database its schema check has just made, without Identity's look-ups
        // (AccountService.CreateFirstAsync); on PostgreSQL, whose schema EF Core's migrator makes, through Identity's
        // CreateAsync: the suite runs on both, and the account must be the same either way.
        using var scope = hub.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var admin = await users.FindByNameAsync("ADMIN");
        Assert.NotNull(admin);
        Assert.Equal("admin", admin.UserName);
        Assert.True(admin.IsAdmin);
        Assert.False(string.IsNullOrEmpty(admin.SecurityStamp));
        Assert.False(string.IsNullOrEmpty(admin.ConcurrencyStamp));
        Assert.Equal(users.Options.Lockout.AllowedForNewUsers, admin.LockoutEnabled);
        Assert.True(admin.LockoutEnabled);
        Assert.NotNull(admin.PasswordHash);

        var organization = await db.Organizations.SingleAsync(o => o.Id == admin.PrimaryOrganizationId);
        Assert.True(organization.IsPersonal);
        Assert.Equal(UserNames.PersonalOrganization("admin"), organization.Slug);
        Assert.Equal(PlanCatalog.Enterprise, organization.Plan);
        var membership = await db.Memberships.SingleAsync(m => m.UserId == admin.Id && m.OrganizationId == organization.Id);
        Assert.Equal(OrganizationRole.Owner, membership.Role);
        Assert.Equal(admin.Id, (await db.ApiTokens.SingleAsync(t => t.Note == HubSeeder.ProvisionedTokenNote)).UserId);

        // The security stamp is what a password change rotates: the account goes through Identity's own updates.
        var stamp = admin.SecurityStamp;
        Assert.True((await users.UpdateSecurityStampAsync(admin)).Succeeded);
        Assert.NotEqual(stamp, (await users.FindByIdAsync(admin.Id))!.SecurityStamp);
    }
}
