using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AIStudio.Hub.Kernels;
using AIStudio.Kernel.Client.Launching;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>
/// Each kernel runs in a control group of its own with its plan's limits (Free: 1 CPU, 4 GB, 512 processes and threads;
/// Professional: 4 CPUs, 16 GB, 2,048): the kernel's processes are in it from their start, a cell that keeps two cores
/// busy is throttled to the plan's one, and the group goes when the kernel stops.
/// </summary>
[Collection(HubTests.Name)]
public sealed class KernelLimitsTests(HubFixture hub, ITestOutputHelper output)
{
    private const string Root = "/sys/fs/cgroup";

    [Theory]
    [InlineData("free", 100_000L, 4L << 30, 512)]
    [InlineData("professional", 400_000L, 16L << 30, 2048)]
    public async Task A_kernel_runs_in_a_control_group_with_its_plans_limits(string plan, long quota, long memory, int processes)
    {
        Assert.True(KernelCgroup.Unavailable(Root) is null, $"This machine lets the hub make no control groups: {KernelCgroup.Unavailable(Root)}");
        using var log = hub.Log.Attach(output);
        using var user = await hub.CreateUserAsync(Http.Unique("limits-" + plan), new { plan });
        using var created = await user.Client.PostAsJsonAsync("api/kernels", new { name = "aistudio-csharp" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var kernelId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var kernel = hub.Service<KernelRegistry>().Find(kernelId)!;
        var group = Assert.IsType<KernelCgroup>(kernel.Process.Cgroup);
        var (cpu, mem, pids) = (group.Directories[0], group.Directories[1], group.Directories[2]);
        Assert.Equal(Path.Combine(Root, "cpu", "aistudio", kernelId), cpu);

        Assert.Equal(quota, Read(cpu, "cpu.cfs_quota_us"));
        Assert.Equal(100_000L, Read(cpu, "cpu.cfs_period_us"));
        Assert.Equal(memory, Read(mem, "memory.limit_in_bytes"));
        Assert.Equal(processes.ToString(CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(pids, "pids.max")).Trim());
        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute + Timeouts.Request);
        await using (var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, timeout.Token, token: user.Token))
        {
            // The process the hub started (the sandbox around the kernel, which answers now) is in the group in every hierarchy.
            var pid = kernel.Process.ProcessId!.Value.ToString(CultureInfo.InvariantCulture);
            Assert.All(group.Directories, d => Assert.Contains(pid, File.ReadAllLines(Path.Combine(d, "cgroup.procs"))));

            // The kernel itself (inside the sandbox) counts against the group's processes and threads.
            var (count, _) = await socket.RunAsync("System.Diagnostics.Process.GetCurrentProcess().Threads.Count", timeout.Token);
            Assert.True(long.Parse(File.ReadAllText(Path.Combine(pids, "pids.current")).Trim(), CultureInfo.InvariantCulture) >= int.Parse(count!, CultureInfo.InvariantCulture));

            if (plan == "free")
            {
                // Limits change while the kernel runs (as when a warm kernel is claimed): a tenth of a core now, and a
                // thread spinning for a second wants far more, however busy the machine is: the group is throttled.
                group.Apply(new KernelResourceLimits { CpuCores = 0.1, MemoryBytes = memory, MaxProcesses = processes });
                Assert.Equal(10_000L, Read(cpu, "cpu.cfs_quota_us"));
                var before = Throttled(cpu);
                var (spun, _) = await socket.RunAsync(
                    "var until = DateTime.UtcNow.AddSeconds(1); long n = 0; while (DateTime.UtcNow < until) n++; n > 0",
                    timeout.Token);
                Assert.Equal("True", spun);
                Assert.True(Throttled(cpu) > before, $"not throttled: nr_throttled {before} → {Throttled(cpu)}");
            }
        }

        using var stopped = await user.Client.DeleteAsync($"api/kernels/{kernelId}");
        Assert.Equal(HttpStatusCode.NoContent, stopped.StatusCode);
        Assert.All(group.Directories, d => Assert.False(Directory.Exists(d), $"{d} is left after the kernel stopped"));
    }

    private static long Read(string directory, string file) => long.Parse(File.ReadAllText(Path.Combine(directory, file)).Trim(), CultureInfo.InvariantCulture);

    private static long Throttled(string cpu) =>
        File.ReadAllLines(Path.Combine(cpu, "cpu.stat")).Select(l => l.Split(' ')).Where(p => p[0] == "nr_throttled").Select(p => long.Parse(p[1], CultureInfo.InvariantCulture)).Single();
}
