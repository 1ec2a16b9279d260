using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>
/// What the hub gives a kernel to work with. It knows whom it works for: the user's name (dataset provenance) and whether the plan is commercial, so that
/// <c>Datasets.Register</c> in a notebook decides non-commercial licences as the hub's upload API does; and TorchSharp
/// finds libtorch, though the kernel's NuGet folder is the user's own; and the notebook can call the hub as its user.
/// </summary>
[Collection(HubTests.Name)]
public sealed class KernelOwnerEnvironmentTests(HubFixture hub, ITestOutputHelper output)
{
    [Theory]
    [InlineData("free", false)]
    [InlineData("starter", true)]
    public async Task A_kernel_knows_its_user_and_whether_the_plan_is_commercial(string plan, bool commercial)
    {
        using var log = hub.Log.Attach(output);
        using var user = await hub.CreateUserAsync(Http.Unique("owner-" + plan), new { plan });
        using var created = await user.Client.PostAsJsonAsync("api/kernels", new { name = "aistudio-csharp" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var kernelId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute);
        await using var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, timeout.Token, token: user.Token);
        var (result, _) = await socket.RunAsync("$\"{Datasets.Settings.User}|{Datasets.Settings.Commercial}\"", timeout.Token);

        Assert.Equal($"{user.Name}|{commercial}", result);
        using var stopped = await user.Client.DeleteAsync($"api/kernels/{kernelId}");
        Assert.Equal(HttpStatusCode.NoContent, stopped.StatusCode);
    }

    [Fact]
    public async Task A_hub_kernel_finds_libtorch_for_TorchSharp_though_its_NuGet_folder_is_its_own()
    {
        using var log = hub.Log.Attach(output);
        using var user = await hub.CreateUserAsync(Http.Unique("torch"));
        using var created = await user.Client.PostAsJsonAsync("api/kernels", new { name = "aistudio-csharp" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var kernelId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute);
        await using var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, timeout.Token, token: user.Token);
        var (result, seen) = await socket.RunAsync(
            "$\"{TorchSharp.torch.ones(2, 3).sum().item<float>()}|{AIStudio.Extensions.Training.Torch.LibTorch.LoadedFrom == Environment.GetEnvironmentVariable(\"AISTUDIO_LIBTORCH\")}\"",
            timeout.Token);

        // Computed, with the libtorch the hub pointed the kernel at.
        Assert.True(result == "6|True", $"TorchSharp in a hub kernel: {result}; {string.Join("; ", seen.Where(m => m.MessageType is "error" or "stream").Select(m => m.Content.GetRawText()))}");
        using var stopped = await user.Client.DeleteAsync($"api/kernels/{kernelId}");
        Assert.Equal(HttpStatusCode.NoContent, stopped.StatusCode);
    }

    [Fact]
    public async Task A_hub_kernel_calls_the_hub_as_its_user_with_a_token_revoked_when_it_stops()
    {
        using var log = hub.Log.Attach(output);
        using var user = await hub.CreateUserAsync(Http.Unique("caller"));
        using (var upload = await DeploymentForm.UploadAsync(user.Client, "from-kernel", OnnxTestModels.Regression(slope: 3)))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        using var created = await user.Client.PostAsJsonAsync("api/kernels", new { name = "aistudio-csharp" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var kernelId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        Assert.Single(await KernelTokensAsync(user));

        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute);
        await using (var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, timeout.Token, token: user.Token))
        {
            // The notebook's Deploy.Hub acts for its user: it makes a key for the user's own deployment.
            var (result, seen) = await socket.RunAsync("(await Deploy.Hub.CreateKeyAsync(\"from-kernel\")).StartsWith(\"aisd_\")", timeout.Token);
            Assert.True(result == "True", $"Deploy.Hub in a hub kernel: {result}; {string.Join("; ", seen.Where(m => m.MessageType is "error" or "stream").Select(m => m.Content.GetRawText()))}");
        }

        using var stopped = await user.Client.DeleteAsync($"api/kernels/{kernelId}");
        Assert.Equal(HttpStatusCode.NoContent, stopped.StatusCode);
        Assert.Empty(await KernelTokensAsync(user));
    }

    private static async Task<List<JsonElement>> KernelTokensAsync(TestUser user)
    {
        using var response = await user.Client.GetAsync($"hub/api/users/{user.Name}/tokens");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("api_tokens");
        return [.. tokens.EnumerateArray().Where(t => t.GetProperty("note").GetString()!.StartsWith("kernel:", StringComparison.Ordinal)).Select(t => t.Clone())];
    }
}
