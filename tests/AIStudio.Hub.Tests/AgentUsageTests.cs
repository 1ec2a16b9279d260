using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AIStudio.Hub.Tests;

/// <summary>
/// What agents ask the hub: the plan's policy (<c>/hub/api/agents/policy</c>) and usage reports
/// (<c>/hub/api/usage/agents</c>), metered per user and organization and shown in their usage; multi-agent orchestration
/// refused on plans without it; malformed reports refused naming the field; a kernel's token (scope <c>self</c>) may report.
/// </summary>
[Collection(HubTests.Name)]
public sealed class AgentUsageTests(HubFixture hub)
{
    private const string Policy = "hub/api/agents/policy";
    private const string Usage = "hub/api/usage/agents";

    [Theory]
    [InlineData("free", false)]
    [InlineData("starter", false)]
    [InlineData("professional", true)]
    [InlineData("enterprise", true)]
    public async Task The_policy_says_the_plan_and_whether_it_includes_orchestration(string plan, bool orchestration)
    {
        using var user = await hub.CreateUserAsync(Http.Unique("pol"), new { plan });
        using var kernel = await ModelEndpointApi.KernelTokenClientAsync(hub, user);
        foreach (var client in new[] { user.Client, kernel })
        {
            var policy = await client.GetJsonAsync(Policy);
            Assert.Equal(["agent_orchestration", "plan"], policy.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(plan, policy.GetProperty("plan").GetString());
            Assert.Equal(orchestration, policy.GetProperty("agent_orchestration").GetBoolean());
        }

        using var anonymous = hub.Client(authenticated: false);
        using var refused = await anonymous.GetAsync(Policy);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Usage_from_a_kernels_token_is_metered_per_user_and_organization_and_shown_in_their_usage()
    {
        var slug = await ModelEndpointApi.OrganizationAsync(hub, "professional");
        using var ada = await hub.CreateUserAsync(Http.Unique("ada"), new { org = slug, role = "instructor" });
        using var ben = await hub.CreateUserAsync(Http.Unique("ben"), new { org = slug, role = "member" });
        using var elsewhere = await hub.CreateUserAsync(Http.Unique("else"), new { plan = "professional" });
        using var adaKernel = await ModelEndpointApi.KernelTokenClientAsync(hub, ada);
        using var benKernel = await ModelEndpointApi.KernelTokenClientAsync(hub, ben);

        await ReportAsync(adaKernel, new { endpoint = "lab-gpt", model = "gpt-4o-mini", input_tokens = 1200, output_tokens = 300, cost_usd = 0.00036, agents = 1, orchestration = false });
        await ReportAsync(adaKernel, new { endpoint = (string?)null, model = "gpt-4o-mini", input_tokens = 800, output_tokens = 200, cost_usd = 0.00024, agents = 2, orchestration = true });
        await ReportAsync(benKernel, new { endpoint = "lab-gpt", model = "gpt-4o-mini", input_tokens = 50, output_tokens = 5, cost_usd = 0.01, agents = 1, orchestration = false });
        await ReportAsync(elsewhere.Client, new { model = "llama3.2", input_tokens = 7, output_tokens = 3, cost_usd = 0, agents = 1, orchestration = false });

        var adaUsage = await ada.Client.GetJsonAsync($"hub/api/users/{ada.Name}/usage");
        Assert.Equal(2000, adaUsage.GetProperty("agent_input_tokens").GetInt64());
        Assert.Equal(500, adaUsage.GetProperty("agent_output_tokens").GetInt64());
        Assert.Equal(0.0006, adaUsage.GetProperty("agent_cost_usd").GetDouble(), 9);

        // The organization's usage sums its members'; another organization's use is not in it.
        var orgUsage = await ada.Client.GetJsonAsync($"hub/api/orgs/{slug}/usage");
        Assert.Equal(2050, orgUsage.GetProperty("agent_input_tokens").GetInt64());
        Assert.Equal(505, orgUsage.GetProperty("agent_output_tokens").GetInt64());
        Assert.Equal(0.0106, orgUsage.GetProperty("agent_cost_usd").GetDouble(), 9);

        var otherUsage = await elsewhere.Client.GetJsonAsync($"hub/api/users/{elsewhere.Name}/usage");
        Assert.Equal(7, otherUsage.GetProperty("agent_input_tokens").GetInt64());
        var otherOrg = await elsewhere.Client.GetJsonAsync($"hub/api/orgs/~{elsewhere.Name}/usage");
        Assert.Equal(3, otherOrg.GetProperty("agent_output_tokens").GetInt64());

        // A user with no agent use: zeros, not missing fields.
        using var idle = await hub.CreateUserAsync(Http.Unique("idle"));
        var idleUsage = await idle.Client.GetJsonAsync($"hub/api/users/{idle.Name}/usage");
        Assert.Equal(0, idleUsage.GetProperty("agent_input_tokens").GetInt64());
        Assert.Equal(0, idleUsage.GetProperty("agent_cost_usd").GetDouble());

        // The dashboard shows the user's meters.
        using var browser = await PageBrowser.SignedInAsync(hub, ada.Token);
        var home = await browser.GetStringAsync("hub/home");
        Assert.Contains("data-meter=\"Agent tokens this month\"", home, StringComparison.Ordinal);
        Assert.Contains("2000 in, 500 out", home, StringComparison.Ordinal);
        Assert.Contains("$0.00 / no limit", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orchestration_is_refused_on_the_free_plan_naming_it_and_accepted_on_professional()
    {
        using var free = await hub.CreateUserAsync(Http.Unique("free"));
        using var pro = await hub.CreateUserAsync(Http.Unique("pro"), new { plan = "professional" });
        var workflow = new { endpoint = "gpt", model = "gpt-4o", input_tokens = 100, output_tokens = 40, cost_usd = 0.001, agents = 3, orchestration = true };

        using (var kernel = await ModelEndpointApi.KernelTokenClientAsync(hub, free))
        using (var refused = await kernel.PostAsJsonAsync(Usage, workflow))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var message = await refused.MessageAsync();
            Assert.Contains("Free plan", message, StringComparison.Ordinal);
            Assert.Contains("multi-agent orchestration needs the Professional or Enterprise plan", message, StringComparison.Ordinal);
        }

        // Not metered; a single agent on Free is.
        Assert.Equal(0, (await free.Client.GetJsonAsync($"hub/api/users/{free.Name}/usage")).GetProperty("agent_input_tokens").GetInt64());
        await ReportAsync(free.Client, new { endpoint = "gpt", model = "gpt-4o", input_tokens = 100, output_tokens = 40, cost_usd = 0.001, agents = 1, orchestration = false });
        Assert.Equal(100, (await free.Client.GetJsonAsync($"hub/api/users/{free.Name}/usage")).GetProperty("agent_input_tokens").GetInt64());

        using (var kernel = await ModelEndpointApi.KernelTokenClientAsync(hub, pro))
        {
            await ReportAsync(kernel, workflow);
        }

        Assert.Equal(40, (await pro.Client.GetJsonAsync($"hub/api/users/{pro.Name}/usage")).GetProperty("agent_output_tokens").GetInt64());
    }

    [Fact]
    public async Task Malformed_reports_are_refused_naming_the_field_and_a_token_without_kernel_rights_may_not_report()
    {
        using var user = await hub.CreateUserAsync(Http.Unique("mal"));
        var cases = new (object Body, string Message)[]
        {
            (new { input_tokens = 1, output_tokens = 1 }, "'model' is required"),
            (new { model = "m", output_tokens = 1 }, "'input_tokens' is required"),
            (new { model = "m", input_tokens = -1, output_tokens = 1 }, "'input_tokens' must be a whole number from 0 to 100000000"),
            (new { model = "m", input_tokens = 1.5, output_tokens = 1 }, "'input_tokens' must be a whole number"),
            (new { model = "m", input_tokens = 1, output_tokens = 1e12 }, "'output_tokens' must be a whole number from 0 to 100000000"),
            (new { model = "m", input_tokens = "many", output_tokens = 1 }, "'input_tokens' must be a number"),
            (new { model = "m", input_tokens = 1, output_tokens = 1, cost_usd = -0.01 }, "'cost_usd' must be a number of US dollars from 0 to 100000"),
            (new { model = "m", input_tokens = 1, output_tokens = 1, cost_usd = 1e7 }, "'cost_usd' must be a number of US dollars"),
            (new { model = "m", input_tokens = 1, output_tokens = 1, agents = 0 }, "'agents' must be a whole number from 1 to 1000"),
            (new { model = "m", input_tokens = 1, output_tokens = 1, agents = 5000 }, "'agents' must be a whole number from 1 to 1000"),
            (new { model = "m", input_tokens = 1, output_tokens = 1, orchestration = "yes" }, "'orchestration' must be true or false"),
            (new { model = new string('m', 201), input_tokens = 1, output_tokens = 1 }, "'model' must be at most 200 characters"),
        };
        foreach (var (body, message) in cases)
        {
            using var refused = await user.Client.PostAsJsonAsync(Usage, body);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)}: {(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");
            Assert.Contains(message, await refused.MessageAsync(), StringComparison.Ordinal);
        }

        using (var empty = await user.Client.PostAsync(Usage, null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        }

        Assert.Equal(0, (await user.Client.GetJsonAsync($"hub/api/users/{user.Name}/usage")).GetProperty("agent_input_tokens").GetInt64());

        // A token that may only read its user may neither report usage nor read credentials, but may read its plan's policy.
        using var created = await user.Client.PostAsJsonAsync($"hub/api/users/{user.Name}/tokens", new { scopes = new[] { $"read:users!user={user.Name}" } });
        using var limited = hub.ClientWithToken((await created.JsonAsync()).GetProperty("token").GetString()!);
        using (var refused = await limited.PostAsJsonAsync(Usage, new { model = "m", input_tokens = 1, output_tokens = 1 }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("kernels", await refused.MessageAsync(), StringComparison.Ordinal);
        }

        using (var refused = await limited.GetAsync($"{ModelEndpointApi.Route}/anything/credentials"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Equal("free", (await limited.GetJsonAsync(Policy)).GetProperty("plan").GetString());
    }

    private static async Task ReportAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync(Usage, body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
