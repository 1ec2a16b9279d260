using System.Diagnostics;
using System.Net;
using AIStudio.Hub.Kernels;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

[Collection(HubTests.Name)]
public sealed class LifecycleTests
{
    [Fact]
    public async Task Stopping_the_hub_stops_every_kernel_it_started()
    {
        var hub = new HubFixture();
        await hub.InitializeAsync();
        var processes = new List<Process>();
        try
        {
            using var client = hub.Client();
            for (var i = 0; i < 2; i++)
            {
                using var started = await client.PostAsync("api/kernels", null);
                Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            }

            processes.AddRange(hub.Service<KernelRegistry>().All.Select(k => Process.GetProcessById(k.Process.ProcessId!.Value)));
            Assert.Equal(2, processes.Count);
        }
        finally
        {
            await hub.DisposeAsync();
        }

        using var timeout = Timeouts.After(Timeouts.Exit);
        foreach (var process in processes)
        {
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.HasExited);
            process.Dispose();
        }
    }

    [Fact]
    public void Kernel_states_move_only_along_legal_transitions()
    {
        Assert.True(KernelStates.CanMove(KernelState.Starting, KernelState.Idle));
        Assert.True(KernelStates.CanMove(KernelState.Idle, KernelState.Busy));
        Assert.True(KernelStates.CanMove(KernelState.Busy, KernelState.Dead));
        Assert.True(KernelStates.CanMove(KernelState.Dead, KernelState.Restarting));
        Assert.False(KernelStates.CanMove(KernelState.Dead, KernelState.Idle));
        Assert.False(KernelStates.CanMove(KernelState.Dead, KernelState.Busy));
        Assert.All(Enum.GetValues<KernelState>(), to => Assert.False(KernelStates.CanMove(KernelState.Stopping, to)));
        Assert.Equal("dead", KernelStates.ToExecutionState(KernelState.Dead));
        Assert.Equal("restarting", KernelStates.ToExecutionState(KernelState.Restarting));
    }
}
