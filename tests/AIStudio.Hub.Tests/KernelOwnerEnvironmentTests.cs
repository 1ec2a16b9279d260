using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>
/// A kernel knows whom it works for: the user's name (dataset provenance) and whether the plan is commercial, so that
/// <c>Datasets.Register</c> in a notebook decides non-commercial licences as the hub's upload API does.
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
}
