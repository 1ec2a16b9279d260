using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AIStudio.Hub.Kernels;
using AIStudio.Kernel.Protocol.WebSockets;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>The full flow with real kernels: sessions, kernels, the WebSocket in both framings, interrupt, restart, stop.</summary>
[Collection(HubTests.Name)]
public sealed class KernelSessionTests(HubFixture hub, ITestOutputHelper output)
{
    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static async Task<JsonElement> CreateSessionAsync(HttpClient client, string path)
    {
        using var response = await client.PostAsync("api/sessions", Json(new JsonObject
        {
            ["path"] = path,
            ["name"] = Path.GetFileName(path),
            ["type"] = "notebook",
            ["kernel"] = new JsonObject { ["name"] = "aistudio-csharp" },
        }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadJson(response);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_session_runs_code_over_the_websocket(bool v1)
    {
        using var log = hub.Log.Attach(output);
        using var client = hub.Client();
        var path = $"flow-{(v1 ? "v1" : "json")}-{Guid.NewGuid():N}.ipynb";
        var session = await CreateSessionAsync(client, path);
        Assert.Equal(path, session.GetProperty("path").GetString());
        Assert.Equal(path, session.GetProperty("notebook").GetProperty("path").GetString());
        var kernelId = session.GetProperty("kernel").GetProperty("id").GetString()!;
        Assert.Equal("aistudio-csharp", session.GetProperty("kernel").GetProperty("name").GetString());

        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute);
        await using (var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1, timeout.Token))
        {
            Assert.Equal(v1 ? KernelWebSocketV1Framing.SubProtocol : null, socket.SubProtocol);
            var (result, seen) = await socket.RunAsync("6*7", timeout.Token);
            Assert.Equal("42", result);
            Assert.Contains(seen, m => m.Channel == "shell" && m.MessageType == "execute_reply" && m.Content.GetProperty("status").GetString() == "ok");
            Assert.Contains(seen, m => m.Channel == "iopub" && m.MessageType == "status" && m.Content.GetProperty("execution_state").GetString() == "busy");

            var kernel = await ReadJson(await client.GetAsync($"api/kernels/{kernelId}"));
            Assert.Equal(1, kernel.GetProperty("connections").GetInt32());
            Assert.Equal("idle", kernel.GetProperty("execution_state").GetString());
        }

        var sessions = await ReadJson(await client.GetAsync("api/sessions"));
        var sessionId = session.GetProperty("id").GetString()!;
        Assert.Contains(sessions.EnumerateArray(), s => s.GetProperty("id").GetString() == sessionId);
        using var deleted = await client.DeleteAsync($"api/sessions/{sessionId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var kernelGone = await client.GetAsync($"api/kernels/{kernelId}");
        Assert.Equal(HttpStatusCode.NotFound, kernelGone.StatusCode);
    }

    [Fact]
    public async Task A_session_is_renamed_and_moved_to_a_new_kernel_with_patch()
    {
        using var log = hub.Log.Attach(output);
        using var client = hub.Client();
        var session = await CreateSessionAsync(client, $"patch-{Guid.NewGuid():N}.ipynb");
        var sessionId = session.GetProperty("id").GetString()!;
        var firstKernel = session.GetProperty("kernel").GetProperty("id").GetString()!;

        using var again = await client.PostAsync("api/sessions", Json(new JsonObject { ["path"] = session.GetProperty("path").GetString(), ["type"] = "notebook", ["kernel"] = new JsonObject { ["name"] = "aistudio-csharp" } }));
        Assert.Equal(sessionId, (await ReadJson(again)).GetProperty("id").GetString());

        using var renamed = await client.PatchAsync($"api/sessions/{sessionId}", Json(new JsonObject { ["path"] = "renamed.ipynb", ["name"] = "renamed.ipynb" }));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var model = await ReadJson(renamed);
        Assert.Equal("renamed.ipynb", model.GetProperty("path").GetString());
        Assert.Equal(firstKernel, model.GetProperty("kernel").GetProperty("id").GetString());

        using var moved = await client.PatchAsync($"api/sessions/{sessionId}", Json(new JsonObject { ["kernel"] = new JsonObject { ["name"] = "aistudio-csharp" } }));
        var secondKernel = (await ReadJson(moved)).GetProperty("kernel").GetProperty("id").GetString()!;
        Assert.NotEqual(firstKernel, secondKernel);
        using var oldKernel = await client.GetAsync($"api/kernels/{firstKernel}");
        Assert.Equal(HttpStatusCode.NotFound, oldKernel.StatusCode);

        using var deleted = await client.DeleteAsync($"api/sessions/{sessionId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var newKernel = await client.GetAsync($"api/kernels/{secondKernel}");
        Assert.Equal(HttpStatusCode.NotFound, newKernel.StatusCode);
    }

    [Fact]
    public async Task A_client_that_reconnects_with_its_session_id_gets_the_output_it_missed()
    {
        using var log = hub.Log.Attach(output);
        using var client = hub.Client();
        var session = await CreateSessionAsync(client, $"reconnect-{Guid.NewGuid():N}.ipynb");
        var kernelId = session.GetProperty("kernel").GetProperty("id").GetString()!;
        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute + Timeouts.Request);

        string id;
        string sessionId;
        await using (var first = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, timeout.Token))
        {
            Assert.Equal("2", (await first.RunAsync("1+1", timeout.Token)).Result);
            sessionId = first.Session;
            // The result comes after the socket is gone: the hub must keep it.
            id = await first.ExecuteAsync("System.Threading.Thread.Sleep(500); 6*7", timeout.Token);
        }

        // A client that dropped reconnects: wait until the hub has seen the drop (it keeps the link then).
        await hub.Log.WaitForAsync(l => l.Contains($"keeping the link of session {sessionId}", StringComparison.Ordinal), timeout.Token);
        await using var second = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, timeout.Token, sessionId);
        var seen = new List<ReceivedMessage>();
        await second.WaitForAsync(m => m.ParentId == id && m.MessageType == "status" && m.Content.GetProperty("execution_state").GetString() == "idle", seen, timeout.Token);
        var result = Assert.Single(seen, m => m.ParentId == id && m.MessageType == "execute_result");
        Assert.Equal("42", result.Content.GetProperty("data").GetProperty("text/plain").GetString());
        await second.WaitForAsync(m => m.ParentId == id && m.MessageType == "execute_reply", seen, timeout.Token);

        Assert.Contains(seen, m => m.ParentId == id && m.MessageType == "execute_reply" && m.Channel == "shell");
        Assert.Contains(hub.Log.Lines, l => l.Contains("resumed: True", StringComparison.Ordinal));
        await client.DeleteAsync($"api/sessions/{session.GetProperty("id").GetString()}");
    }

    [Fact]
    public async Task Forged_and_malformed_client_frames_are_dropped_and_the_connection_lives_on()
    {
        using var log = hub.Log.Attach(output);
        using var client = hub.Client();
        var session = await CreateSessionAsync(client, $"forged-{Guid.NewGuid():N}.ipynb");
        var kernelId = session.GetProperty("kernel").GetProperty("id").GetString()!;
        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute);
        await using var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, timeout.Token);

        await socket.SendRawAsync([1, 2, 3], binary: true, timeout.Token);
        await socket.SendRawAsync(Encoding.UTF8.GetBytes("{\"not\": \"a message\"}"), binary: false, timeout.Token);
        await socket.SendRawAsync(KernelWebSocketV1Framing.Serialize("shell", ["{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray()]), binary: true, timeout.Token);
        await socket.SendRawAsync(KernelWebSocketV1Framing.Serialize("iopub", ["{\"msg_id\":\"x\",\"msg_type\":\"execute_request\",\"session\":\"s\"}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray()]), binary: true, timeout.Token);
        await hub.Log.WaitForAsync(m => m.Contains("Unknown channel 'iopub'", StringComparison.Ordinal), timeout.Token);

        var (result, _) = await socket.RunAsync("6*7", timeout.Token);
        Assert.Equal("42", result);
        await client.DeleteAsync($"api/sessions/{session.GetProperty("id").GetString()}");
    }

    [Fact]
    public async Task Interrupt_and_restart_through_the_api()
    {
        using var log = hub.Log.Attach(output);
        using var client = hub.Client();
        using var started = await client.PostAsync("api/kernels", Json(new JsonObject { ["name"] = "aistudio-csharp" }));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var kernelId = (await ReadJson(started)).GetProperty("id").GetString()!;
        Assert.Equal($"/api/kernels/{kernelId}", started.Headers.Location?.ToString());
        var registry = hub.Service<KernelRegistry>();
        var firstProcess = registry.Find(kernelId)!.Process.ProcessId;

        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.FirstExecute + Timeouts.Request);
        await using (var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, timeout.Token))
        {
            // The cell says when it sleeps, so the interrupt reaches it running (not queued behind the engine's first build).
            var id = await socket.ExecuteAsync("System.Console.WriteLine(\"sleeping\"); System.Threading.Thread.Sleep(60000);", timeout.Token);
            var seen = new List<ReceivedMessage>();
            await socket.WaitForAsync(m => m.ParentId == id && m.MessageType == "stream" && m.Content.GetProperty("text").GetString()!.Contains("sleeping", StringComparison.Ordinal), seen, timeout.Token);
            using var interrupted = await client.PostAsync($"api/kernels/{kernelId}/interrupt", null);
            Assert.Equal(HttpStatusCode.NoContent, interrupted.StatusCode);
            var reply = await socket.WaitForAsync(m => m.ParentId == id && m.MessageType == "execute_reply", seen, timeout.Token);
            Assert.Equal("error", reply.Content.GetProperty("status").GetString());
            await socket.WaitForAsync(m => m.ParentId == id && m.MessageType == "status" && m.Content.GetProperty("execution_state").GetString() == "idle", seen, timeout.Token);

            // Restarted under an open WebSocket: the same socket goes on with the new process.
            using var restarted = await client.PostAsync($"api/kernels/{kernelId}/restart", null);
            Assert.Equal(HttpStatusCode.OK, restarted.StatusCode);
            var model = await ReadJson(restarted);
            Assert.Equal(kernelId, model.GetProperty("id").GetString());
            Assert.Equal("idle", model.GetProperty("execution_state").GetString());
            Assert.NotEqual(firstProcess, registry.Find(kernelId)!.Process.ProcessId);
            var (again, _) = await socket.RunAsync("6*7", timeout.Token);
            Assert.Equal("42", again);
        }

        await using (var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: false, timeout.Token))
        {
            var (result, _) = await socket.RunAsync("6*7", timeout.Token);
            Assert.Equal("42", result);
        }

        using var deleted = await client.DeleteAsync($"api/kernels/{kernelId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_kernel_stops_its_process()
    {
        using var log = hub.Log.Attach(output);
        using var client = hub.Client();
        using var started = await client.PostAsync("api/kernels", null);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var kernelId = (await ReadJson(started)).GetProperty("id").GetString()!;
        var listed = await ReadJson(await client.GetAsync("api/kernels"));
        Assert.Contains(listed.EnumerateArray(), k => k.GetProperty("id").GetString() == kernelId);

        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.Exit);
        await using var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, timeout.Token);
        using var process = Process.GetProcessById(hub.Service<KernelRegistry>().Find(kernelId)!.Process.ProcessId!.Value);
        using var deleted = await client.DeleteAsync($"api/kernels/{kernelId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.HasExited);

        // The attached WebSocket is closed by the hub with a close frame (1000), not dropped (1006) or left hanging.
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(async () =>
        {
            while (true)
            {
                await socket.ReceiveAsync(timeout.Token);
            }
        });
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, socket.CloseStatus);

        using var missing = await client.GetAsync($"api/kernels/{kernelId}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var again = await client.DeleteAsync($"api/kernels/{kernelId}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task A_killed_kernel_is_reported_dead()
    {
        using var log = hub.Log.Attach(output);
        using var client = hub.Client();
        using var started = await client.PostAsync("api/kernels", Json(new JsonObject { ["name"] = "aistudio-csharp" }));
        var kernelId = (await ReadJson(started)).GetProperty("id").GetString()!;
        var kernel = hub.Service<KernelRegistry>().Find(kernelId)!;
        var dead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        kernel.StateChanged += (_, _, to) =>
        {
            if (to == KernelState.Dead)
            {
                dead.TrySetResult();
            }
        };

        using var timeout = Timeouts.After(Timeouts.Ready + Timeouts.Exit);
        await using var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: false, timeout.Token);
        using (var process = Process.GetProcessById(kernel.Process.ProcessId!.Value))
        {
            process.Kill(entireProcessTree: true);
        }

        await dead.Task.WaitAsync(timeout.Token);
        // The client attached hears it from the hub: an iopub status "dead" with no parent (jupyter_server's on_restart_failed).
        var announced = await socket.WaitForAsync(m => m.MessageType == "status" && m.ParentId is null, [], timeout.Token);
        Assert.Equal("dead", announced.Content.GetProperty("execution_state").GetString());
        var model = await ReadJson(await client.GetAsync($"api/kernels/{kernelId}"));
        Assert.Equal("dead", model.GetProperty("execution_state").GetString());
        using var deleted = await client.DeleteAsync($"api/kernels/{kernelId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Unknown_kernels_and_sessions_answer_404_and_a_bad_spec_is_refused()
    {
        using var client = hub.Client();
        foreach (var route in new[] { "api/kernels/nope", "api/sessions/nope" })
        {
            using var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.False(string.IsNullOrEmpty((await ReadJson(response)).GetProperty("message").GetString()));
        }

        using var badSpec = await client.PostAsync("api/kernels", Json(new JsonObject { ["name"] = "python3" }));
        Assert.Equal(HttpStatusCode.NotFound, badSpec.StatusCode);
        using var badJson = await client.PostAsync("api/sessions", new StringContent("{", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        using var interrupt = await client.PostAsync("api/kernels/nope/interrupt", null);
        Assert.Equal(HttpStatusCode.NotFound, interrupt.StatusCode);
    }
}
