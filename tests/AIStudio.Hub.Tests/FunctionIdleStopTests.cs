using System.Net;
using System.Net.Http.Json;
using AIStudio.Hub.Deployments;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>
/// A C# function's serving process with no call for <c>Hub:FunctionIdleSeconds</c> is stopped (its process gone), calls
/// keep it alive, and the next call after a stop starts another and answers. Through a real hub and real sandboxed
/// function host processes.
/// </summary>
public sealed class FunctionIdleStopTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_idle_serving_process_is_stopped_and_the_next_call_starts_another()
    {
        var hub = new HubFixture(["--Hub:WarmKernels=0", "--Hub:FunctionIdleSeconds=2"]);
        try
        {
            await hub.InitializeAsync();
            using var log = hub.Log.Attach(output);
            using var owner = await hub.CreateUserAsync(Http.Unique("idle"));
            const string name = "doubling";
            using (var created = await owner.Client.PostAsJsonAsync($"hub/api/deployments/{name}/versions", new { kind = "function", source = DoublingFunction.Source }))
            {
                Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            }

            var id = (await hub.Service<DeploymentCatalog>().FindAsync(owner.Name, name, default))!.Id;
            var hosts = hub.Service<FunctionHosts>();
            await DoublingFunction.AnswersAsync(owner.Client, owner.Name, name);
            var first = hosts.ProcessIdOf(id, 1);
            Assert.NotNull(first);

            // Calls closer together than the idle time (15 over 3 s, 200 ms apart, against 2 s) keep it: the same process throughout.
            for (var call = 0; call < 15; call++)
            {
                await DoublingFunction.AnswersAsync(owner.Client, owner.Name, name);
                Assert.Equal(first, hosts.ProcessIdOf(id, 1));
                await Task.Delay(200);
            }

            // No call for two seconds: stopped, its process gone.
            await KernelMonitorTests.WaitUntilAsync(() => Task.FromResult(hosts.ProcessIdOf(id, 1) is null), TimeSpan.FromSeconds(15), "the idle serving process to stop");
            Assert.Contains(hub.Log.Lines, l => l.Contains($"Deployment {id} version 1: function serving process stopped after no call for 2 s", StringComparison.Ordinal));
            await KernelMonitorTests.WaitUntilAsync(() => Task.FromResult(!Directory.Exists($"/proc/{first}")), TimeSpan.FromSeconds(10), $"process {first} to end");

            // The next call starts another and is answered.
            await DoublingFunction.AnswersAsync(owner.Client, owner.Name, name);
            var second = hosts.ProcessIdOf(id, 1);
            Assert.NotNull(second);
            Assert.NotEqual(first, second);
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }
}
