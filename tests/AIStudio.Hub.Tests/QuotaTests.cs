using System.Net;
using System.Net.Http.Json;

namespace AIStudio.Hub.Tests;

/// <summary>Plans enforced where they are used — kernel start, save, new project — with a 403 that names the limit; usage metered.</summary>
[Collection(HubTests.Name)]
public sealed class QuotaTests(HubFixture hub)
{
    [Fact]
    public async Task A_free_user_gets_no_gpu_kernel_and_is_told_why()
    {
        using var free = await hub.CreateUserAsync(Http.Unique("free"));
        var specs = await free.Client.GetJsonAsync("api/kernelspecs");
        // Listed (a notebook saved with it names a kernel the page knows), marked as not in the plan.
        var gpu = specs.GetProperty("kernelspecs").GetProperty("aistudio-csharp-gpu").GetProperty("spec");
        Assert.EndsWith("not in the Free plan", gpu.GetProperty("display_name").GetString(), StringComparison.Ordinal);
        Assert.False(gpu.GetProperty("metadata").GetProperty("aistudio").GetProperty("available").GetBoolean());

        using var refused = await free.Client.PostAsJsonAsync("api/kernels", new { name = "aistudio-csharp-gpu" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var error = await refused.JsonAsync();
        Assert.Equal("Quota Exceeded", error.GetProperty("reason").GetString());
        Assert.Contains("GPU kernels are not part of the Free plan", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty((await free.Client.GetJsonAsync("api/kernels")).EnumerateArray());

        // The refusal is answered at once and its audit entry written after it (QuotaRefusal): it shows up shortly.
        using var admin = hub.Client();
        await KernelMonitorTests.WaitUntilAsync(
            async () => (await admin.GetJsonAsync("hub/api/audit?action=quota.refused&limit=500")).EnumerateArray()
                .Any(e => e.GetProperty("actor").GetString() == free.Name),
            TimeSpan.FromSeconds(10), "the refusal's audit entry");
    }

    [Fact]
    public async Task A_gpu_kernel_on_a_paid_plan_is_metered_in_gpu_seconds()
    {
        using var starter = await hub.CreateUserAsync(Http.Unique("starter"), new { plan = "starter" });
        var specs = await starter.Client.GetJsonAsync("api/kernelspecs");
        var gpu = specs.GetProperty("kernelspecs").GetProperty("aistudio-csharp-gpu").GetProperty("spec");
        Assert.Equal("C# on GPU (AI Studio)", gpu.GetProperty("display_name").GetString());
        Assert.False(gpu.GetProperty("metadata").TryGetProperty("aistudio", out _));

        using var started = await starter.Client.PostAsJsonAsync("api/kernels", new { name = "aistudio-csharp-gpu" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var kernelId = (await started.JsonAsync()).GetProperty("id").GetString()!;
        var running = await starter.Client.GetJsonAsync($"hub/api/users/{starter.Name}/usage");
        Assert.Equal(1, running.GetProperty("running_kernels").GetInt32());
        Assert.Equal(3600, running.GetProperty("plan").GetProperty("gpu_seconds_per_month").GetDouble());

        using (var stop = await starter.Client.DeleteAsync($"api/kernels/{kernelId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, stop.StatusCode);
        }

        var usage = await starter.Client.GetJsonAsync($"hub/api/users/{starter.Name}/usage");
        Assert.Equal(0, usage.GetProperty("running_kernels").GetInt32());
        Assert.True(usage.GetProperty("gpu_seconds").GetDouble() > 0);
        Assert.Equal(usage.GetProperty("kernel_seconds").GetDouble(), usage.GetProperty("gpu_seconds").GetDouble(), 3);
        var organization = await starter.Client.GetJsonAsync($"hub/api/orgs/~{starter.Name}/usage");
        Assert.True(organization.GetProperty("gpu_seconds").GetDouble() > 0);
    }

    [Fact]
    public async Task The_concurrent_kernel_limit_refuses_one_more_kernel_until_one_stops()
    {
        using var free = await hub.CreateUserAsync(Http.Unique("busy"));
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var started = await free.Client.PostAsJsonAsync("api/kernels", new { name = "aistudio-csharp" });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            ids.Add((await started.JsonAsync()).GetProperty("id").GetString()!);
        }

        using (var third = await free.Client.PostAsJsonAsync("api/sessions", new { path = "third.ipynb", type = "notebook", kernel = new { name = "aistudio-csharp" } }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, third.StatusCode);
            Assert.Contains("Concurrent kernel limit of the Free plan reached: 2", await third.MessageAsync(), StringComparison.Ordinal);
        }

        Assert.Empty((await free.Client.GetJsonAsync("api/sessions")).EnumerateArray());
        using (var stop = await free.Client.DeleteAsync($"api/kernels/{ids[0]}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, stop.StatusCode);
        }

        using var again = await free.Client.PostAsJsonAsync("api/kernels", new { name = "aistudio-csharp" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        ids[0] = (await again.JsonAsync()).GetProperty("id").GetString()!;
        foreach (var id in ids)
        {
            using var _ = await free.Client.DeleteAsync($"api/kernels/{id}");
        }
    }

    [Fact]
    public async Task The_storage_limit_refuses_a_save_that_would_exceed_it_and_keeps_the_stored_file()
    {
        var slug = Http.Unique("tiny");
        using var admin = hub.Client();
        using (var org = await admin.PostAsJsonAsync("hub/api/orgs", new { slug, plan = "enterprise" }))
        {
            Assert.Equal(HttpStatusCode.Created, org.StatusCode);
        }

        using (var limit = await admin.PatchAsJsonAsync($"hub/api/orgs/{slug}", new { storage_bytes = 20_000 }))
        {
            Assert.Equal(HttpStatusCode.OK, limit.StatusCode);
            Assert.Equal(20_000, (await limit.JsonAsync()).GetProperty("plan").GetProperty("storage_bytes").GetInt64());
        }

        using var first = await hub.CreateUserAsync(Http.Unique("saver"), new { org = slug });
        using var second = await hub.CreateUserAsync(Http.Unique("saver"), new { org = slug });
        var twelveK = new string('x', 12_000);
        using (var ok = await first.Client.PutAsJsonAsync("api/contents/a.txt", new { type = "file", format = "text", content = twelveK }))
        {
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        // The limit is the organization's: the second member's save counts the first member's bytes.
        using (var refused = await second.Client.PutAsJsonAsync("api/contents/b.txt", new { type = "file", format = "text", content = twelveK }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var message = await refused.MessageAsync();
            Assert.Contains("Storage limit of the Enterprise plan reached", message, StringComparison.Ordinal);
            Assert.Contains("19.5 KB allowed", message, StringComparison.Ordinal);
        }

        using (var missing = await second.Client.GetAsync("api/contents/b.txt"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (var grow = await first.Client.PutAsJsonAsync("api/contents/a.txt", new { type = "file", format = "text", content = twelveK + new string('y', 9_000) }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, grow.StatusCode);
        }

        Assert.Equal(twelveK, (await first.Client.GetJsonAsync("api/contents/a.txt")).GetProperty("content").GetString());
        using (var smaller = await second.Client.PutAsJsonAsync("api/contents/b.txt", new { type = "file", format = "text", content = new string('z', 7_000) }))
        {
            Assert.Equal(HttpStatusCode.Created, smaller.StatusCode);
        }

        var usage = await admin.GetJsonAsync($"hub/api/orgs/{slug}/usage");
        Assert.Equal(19_000, usage.GetProperty("storage_bytes").GetInt64());
    }

    [Fact]
    public async Task The_free_plan_allows_five_projects()
    {
        using var free = await hub.CreateUserAsync(Http.Unique("projects"));
        for (var i = 1; i <= 5; i++)
        {
            using var created = await free.Client.PutAsJsonAsync($"api/contents/project-{i}", new { type = "directory" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var sixth = await free.Client.PutAsJsonAsync("api/contents/project-6", new { type = "directory" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, sixth.StatusCode);
            Assert.Contains("Project limit of the Free plan reached: 5", await sixth.MessageAsync(), StringComparison.Ordinal);
        }

        using (var untitled = await free.Client.PostAsJsonAsync("api/contents", new { type = "directory" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, untitled.StatusCode);
        }

        using var nested = await free.Client.PutAsJsonAsync("api/contents/project-1/chapter-1", new { type = "directory" });
        Assert.Equal(HttpStatusCode.Created, nested.StatusCode);
    }
}
