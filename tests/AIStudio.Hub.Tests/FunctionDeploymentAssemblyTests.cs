using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AIStudio.Hub.Deployments;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>
/// A C# function version is compiled once: its assembly is kept beside its source in the data directory
/// (<c>v{n}.dll</c> and <c>v{n}.dll.json</c>), and every later serving process — after a stop, a crash, a hub restart —
/// loads it instead of compiling the source. A kept assembly that is corrupt is compiled again and rewritten; one that
/// another compiler made is not loaded (the process compiles the source, as without one) and is made again at the next
/// start. Through a real hub on loopback and real sandboxed function host processes; the start times go to the test's
/// output (they are measured, not asserted).
/// </summary>
public sealed partial class FunctionDeploymentAssemblyTests(ITestOutputHelper output)
{
    private const string Loaded = "loaded its compiled assembly";
    private const string Compiled = "compiled its source";

    [Fact]
    public async Task A_function_is_compiled_once_and_later_processes_load_its_kept_assembly()
    {
        string[] settings = ["--Hub:WarmKernels=0"];
        var hub = new HubFixture(settings);
        HubFixture? second = null;
        try
        {
            await hub.InitializeAsync();
            using var log = hub.Log.Attach(output);
            using var owner = await hub.CreateUserAsync(Http.Unique("kept"));
            const string name = "doubling";
            using (var created = await owner.Client.PostAsJsonAsync($"hub/api/deployments/{name}/versions", new { kind = "function", source = DoublingFunction.Source }))
            {
                Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            }

            var id = (await hub.Service<DeploymentCatalog>().FindAsync(owner.Name, name, default))!.Id;
            var folder = Path.Combine(hub.DataDirectory, "deployments", id);
            var source = Path.Combine(folder, "v1.cs");
            var assembly = Path.Combine(folder, "v1.dll");
            var info = Path.Combine(folder, "v1.dll.json");
            var hosts = hub.Service<FunctionHosts>();
            var times = new List<string>();

            // Published: compiled once by a process of its own, kept, then loaded by the serving process.
            await DoublingFunction.AnswersAsync(owner.Client, owner.Name, name);
            Assert.Equal(Loaded, LastStart(hub.Log).How);
            Assert.Single(hub.Log.Lines, l => l.Contains("function compiled and kept", StringComparison.Ordinal));
            var kept = await File.ReadAllBytesAsync(assembly);
            var described = JsonNode.Parse(await File.ReadAllTextAsync(info))!;
            Assert.Equal(Sha256(await File.ReadAllBytesAsync(source)), described["source_sha256"]!.GetValue<string>());
            Assert.Equal(Sha256(kept), described["assembly_sha256"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(described["compiler"]!.GetValue<string>()));

            // Later processes load it: nothing is compiled again.
            for (var i = 0; i < 3; i++)
            {
                times.Add(await RestartAsync(hub, hosts, id, owner, name, "kept assembly"));
                Assert.Equal(Loaded, LastStart(hub.Log).How);
            }

            Assert.Single(hub.Log.Lines, l => l.Contains("function compiled and kept", StringComparison.Ordinal));
            Assert.Equal(kept, await File.ReadAllBytesAsync(assembly));

            // Corrupt: not used, compiled again (by its own process) and rewritten whole.
            await File.WriteAllBytesAsync(assembly, [0x4d, 0x5a, 0, 1, 2, 3]);
            times.Add(await RestartAsync(hub, hosts, id, owner, name, "corrupt assembly: compiled again, then loaded"));
            Assert.Equal(Loaded, LastStart(hub.Log).How);
            Assert.Contains(hub.Log.Lines, l => l.Contains("its bytes are not the ones compiled", StringComparison.Ordinal));
            var rewritten = await File.ReadAllBytesAsync(assembly);
            Assert.Equal(Sha256(rewritten), JsonNode.Parse(await File.ReadAllTextAsync(info))!["assembly_sha256"]!.GetValue<string>());

            // Another compiler's (the host or the runtime changed since): the serving process compiles the source itself,
            // as it did before assemblies were kept, and the pair goes; the next start keeps a new one.
            var stale = JsonNode.Parse(await File.ReadAllTextAsync(info))!;
            stale["compiler"] = "an older aistudio-function-host";
            await File.WriteAllTextAsync(info, stale.ToJsonString());
            times.Add(await RestartAsync(hub, hosts, id, owner, name, "another compiler's assembly: compiled in the serving process (as without keeping)"));
            Assert.Equal(Compiled, LastStart(hub.Log).How);
            Assert.False(File.Exists(info));
            Assert.False(File.Exists(assembly));
            times.Add(await RestartAsync(hub, hosts, id, owner, name, "no kept assembly: compiled by its own process, then loaded"));
            Assert.Equal(Loaded, LastStart(hub.Log).How);
            Assert.True(File.Exists(assembly) && File.Exists(info));

            // A hub restart: the new hub's first process loads the kept assembly.
            await hub.StopAsync();
            second = new HubFixture(hub, HubFixture.Token, settings);
            await second.InitializeAsync();
            using var log2 = second.Log.Attach(output);
            using var client = second.ClientWithToken(owner.Token);
            var started = Stopwatch.StartNew();
            await DoublingFunction.AnswersAsync(client, owner.Name, name);
            var (milliseconds, how) = LastStart(second.Log);
            times.Add(Time("hub restarted, first call", started.Elapsed, milliseconds, how));
            Assert.Equal(Loaded, how);
            Assert.DoesNotContain(second.Log.Lines, l => l.Contains("function compiled and kept", StringComparison.Ordinal));

            output.WriteLine("Serving process start times (call: from the call to its answer; ready: the hub's own measure, launch to /healthz):");
            times.ForEach(output.WriteLine);
        }
        finally
        {
            if (second is not null)
            {
                await second.StopAsync();
            }

            await hub.DisposeAsync();
        }
    }

    /// <summary>Stops the version's process and times the next call, which starts a new one.</summary>
    private static async Task<string> RestartAsync(HubFixture hub, FunctionHosts hosts, string id, TestUser owner, string name, string what)
    {
        await hosts.StopAsync(id, 1);
        var before = hub.Log.Lines.Count(l => l.Contains(" ready in ", StringComparison.Ordinal));
        var started = Stopwatch.StartNew();
        await DoublingFunction.AnswersAsync(owner.Client, owner.Name, name);
        var elapsed = started.Elapsed;
        Assert.Equal(before + 1, hub.Log.Lines.Count(l => l.Contains(" ready in ", StringComparison.Ordinal)));
        var (milliseconds, how) = LastStart(hub.Log);
        return Time(what, elapsed, milliseconds, how);
    }


    /// <summary>The last serving process start the hub logged: its time to ready, and whether it loaded or compiled.</summary>
    private static (double Milliseconds, string How) LastStart(TestLog log)
    {
        var match = log.Lines.Select(l => StartLine().Match(l)).Last(m => m.Success);
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value);
    }

    private static string Time(string what, TimeSpan call, double ready, string how) =>
        string.Create(CultureInfo.InvariantCulture, $"  {what}: call {call.TotalMilliseconds:0} ms, ready {ready:0} ms ({how})");

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [GeneratedRegex(@"function serving process \d+ ready in (\d+) ms \(([^)]+)\)")]
    private static partial Regex StartLine();
}
