using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AIStudio.Hub.Deployments;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>
/// C# function deployments end to end through a real hub on loopback, each version served by its own sandboxed
/// aistudio-function-host process: published beside an ONNX v1 (schema from the compiled types, in the OpenAPI document),
/// called through <c>/v{n}/predict</c> and through a 50/50 split with the ONNX version (the same request suits both),
/// keys, malformed inputs, a compile error, metrics, rollback (the process goes, and comes back for a call naming the
/// version), deletion; and what the sandbox and the timeout do to a function that loops, opens connections, writes
/// outside its folder or exits, and a hub restart.
/// </summary>
public sealed class FunctionDeploymentTests(ITestOutputHelper output)
{
    private const string Version = "X-AIStudio-Deployment-Version";
    private static readonly float[] X1 = [1, 2, 3];
    private static readonly float[] X2 = [0.5f, 1.5f, 2.5f];

    // Input names as the model has them, not camel-cased as JsonContent does by default.
    private static readonly JsonSerializerOptions AsNamed = new();

    /// <summary>The ONNX model's inputs and output name, computed by C#: a drop-in second version.</summary>
    private const string TenTimes = """
        using System.Text.Json.Serialization;

        public record Input(float x1, float x2, float Label);
        public record Output([property: JsonPropertyName("Score.output")] float Score);

        public static class Function
        {
            public static Output Predict(Input input) => new(10 * input.x1 + input.x2);
        }
        """;

    /// <summary>Does what it is asked, to see what the sandbox and the timeout allow.</summary>
    private const string Probe = """
        using System.Net.Sockets;

        public record Request(string action, string target = "");

        public static class Probe
        {
            public static async Task<string> Predict(Request request)
            {
                switch (request.action)
                {
                    case "loop":
                        var spins = 0L;
                        while (true) { spins++; }
                    case "connect":
                        try
                        {
                            using var client = new TcpClient();
                            await client.ConnectAsync("127.0.0.1", int.Parse(request.target));
                            return "connected";
                        }
                        catch (SocketException e) { return e.SocketErrorCode.ToString(); }
                    case "write":
                        try { File.WriteAllText(request.target, "escaped"); return "written"; }
                        catch (Exception e) { return e.GetType().Name; }
                    case "exit":
                        Environment.Exit(3);
                        return "";
                    default:
                        return "pid " + Environment.ProcessId;
                }
            }
        }
        """;

    [Fact]
    public async Task A_function_is_published_beside_an_onnx_version_split_with_it_called_measured_rolled_back_and_deleted()
    {
        var hub = new HubFixture(["--Hub:WarmKernels=0"]);
        try
        {
            await hub.InitializeAsync();
            using var log = hub.Log.Attach(output);
            using var owner = await hub.CreateUserAsync(Http.Unique("fn"), new { plan = "professional" });
            const string name = "scorer";
            var onnx = OnnxTestModels.Regression(slope: 2);
            await DeploymentForm.UploadOkAsync(owner.Client, name, onnx, "onnx");

            // v2: the function, compiled outside the hub; its schema from the records, no traffic yet.
            JsonElement published;
            using (var created = await PublishAsync(owner.Client, name, TenTimes, "ten times"))
            {
                Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
                published = await created.JsonAsync();
            }

            Assert.Equal(100, published.GetProperty("traffic").GetProperty("1").GetInt32());
            var versions = published.GetProperty("versions");
            Assert.Equal(["onnx", "function"], versions.EnumerateArray().Select(v => v.GetProperty("kind").GetString()));
            var v2 = versions[1];
            Assert.Equal("ten times", v2.GetProperty("note").GetString());
            var inputs = v2.GetProperty("schema").GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
            Assert.Equal(["Label", "x1", "x2"], inputs.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("float32", inputs["x1"].GetProperty("type").GetString());
            // A number, or the name of NaN or an infinity (JSON has no number for them).
            Assert.Equal("number", inputs["x1"].GetProperty("json_schema").GetProperty("anyOf")[0].GetProperty("type").GetString());
            Assert.Equal("Score.output", v2.GetProperty("schema").GetProperty("outputs")[0].GetProperty("name").GetString());
            Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(TenTimes), v2.GetProperty("size").GetInt64());
            var deploymentId = (await hub.Service<DeploymentCatalog>().FindAsync(owner.Name, name, default))!.Id;
            Assert.True(File.Exists(Path.Combine(hub.DataDirectory, "deployments", deploymentId, "v2.cs")));

            var key = await DeploymentForm.CreateKeyAsync(owner.Client, name);
            using var caller = hub.Client(authenticated: false);
            var predict = $"deployments/{owner.Name}/{name}/predict";
            var calls = new Dictionary<string, int>(StringComparer.Ordinal);

            // /v2/predict: the function's answer, computed in its own process.
            using (var answer = await PredictAsync(caller, $"deployments/{owner.Name}/{name}/v2/predict", key, Body(X1, X2)))
            {
                Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
                Count(calls, answer);
                var json = await answer.JsonAsync();
                Assert.Equal(2, json.GetProperty("version").GetInt32());
                Assert.Equal(X1.Zip(X2, (a, b) => (10 * a) + b), json.GetProperty("outputs").GetProperty("Score.output").EnumerateArray().Select(v => v.GetSingle()));
            }

            // The serving process is a child of the hub, not the hub, and runs the function host.
            var pid = hub.Service<FunctionHosts>().ProcessIdOf(deploymentId, 2);
            Assert.NotNull(pid);
            Assert.NotEqual(Environment.ProcessId, pid.Value);
            Assert.Equal(Environment.ProcessId, ProcessTree.ParentOf(pid.Value));
            Assert.Contains(ProcessTree.DescendantsOf(pid.Value).Append(pid.Value), p => ProcessTree.CommandLine(p).Contains("aistudio-function-host.dll", StringComparison.Ordinal));

            // A wrong key, malformed inputs: refused as for the ONNX version.
            using (var unauthorized = await PredictAsync(caller, $"deployments/{owner.Name}/{name}/v2/predict", "aisd_" + new string('0', 40), Body(X1, X2)))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
            }

            var malformed = new (object Body, string Expected)[]
            {
                (new { inputs = new { x1 = X1, Label = new float[3] } }, "inputs.x2 is missing"),
                (new { inputs = new { x1 = new object[] { 1, "abc", 3 }, x2 = X2, Label = new float[3] } }, "inputs.x1[1] is \"abc\": expected a number (float32)"),
                (new { inputs = new { x1 = X1, x2 = new float[] { 1, 2 }, Label = new float[3] } }, "inputs.x2 has 2 rows but inputs.x1 has 3"),
                (new { inputs = new { x1 = X1, x2 = X2, Label = new float[3], x3 = X1 } }, "inputs.x3: the function has no such input"),
            };
            foreach (var (body, message) in malformed)
            {
                using var rejected = await PredictAsync(caller, $"deployments/{owner.Name}/{name}/v2/predict", key, body);
                Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
                Assert.Contains(message, await rejected.MessageAsync(), StringComparison.Ordinal);
                Count(calls, rejected);
            }

            // 50/50 between the ONNX model and the function: one request suits both; each answers its own way.
            using (var split = await owner.Client.PutAsJsonAsync($"hub/api/deployments/{name}/traffic", new Dictionary<string, int> { ["1"] = 50, ["2"] = 50 }))
            {
                Assert.Equal(HttpStatusCode.OK, split.StatusCode);
            }

            var fromOnnx = OnnxTestModels.Run(onnx, X1, X2, "Score.output");
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < 40; i++)
            {
                using var answer = await PredictAsync(caller, predict, key, Body(X1, X2));
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                Count(calls, answer);
                Count(seen, answer);
                var scores = (await answer.JsonAsync()).GetProperty("outputs").GetProperty("Score.output").EnumerateArray().Select(v => v.GetSingle()).ToArray();
                Assert.Equal(answer.Headers.GetValues(Version).Single() == "2" ? [.. X1.Zip(X2, (a, b) => (10 * a) + b)] : fromOnnx, scores);
            }

            output.WriteLine($"40 calls at 50/50: v1 {seen.GetValueOrDefault("1")}, v2 {seen.GetValueOrDefault("2")}");
            // Binomial(40, 0.5): both sides at least 5 times but for a chance of about 1 in 10^6.
            Assert.InRange(seen.GetValueOrDefault("2"), 5, 35);

            // Metrics per version, the function's like the model's.
            var metrics = (await owner.Client.GetJsonAsync($"hub/api/deployments/{name}/metrics")).GetProperty("versions").EnumerateArray()
                .ToDictionary(v => v.GetProperty("version").GetString()!);
            Assert.Equal(calls["2"], metrics["2"].GetProperty("requests").GetInt64());
            Assert.Equal(malformed.Length, metrics["2"].GetProperty("errors").GetInt64());
            Assert.Equal(calls["1"], metrics["1"].GetProperty("requests").GetInt64());

            // OpenAPI: the function's version leads at 50/50 (the newer one), its inputs with their JSON schema.
            using (var openApi = await Authorized(caller, HttpMethod.Get, $"deployments/{owner.Name}/{name}/openapi.json", key, null))
            {
                Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
                var text = await openApi.Content.ReadAsStringAsync();
                OpenApiDocuments.AssertValid(text);
                var document = JsonDocument.Parse(text).RootElement;
                Assert.Contains("C# function", document.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
                var x1 = document.GetProperty("components").GetProperty("schemas").GetProperty("PredictRequest").GetProperty("properties")
                    .GetProperty("inputs").GetProperty("properties").GetProperty("x1");
                Assert.Equal("array", x1.GetProperty("type").GetString());
                Assert.Equal("number", x1.GetProperty("items").GetProperty("anyOf")[0].GetProperty("type").GetString());
            }

            // A source that does not compile: 400 with the compiler's error, line and column; nothing made.
            const string broken = "public static class Function\n{\n    public static int Predict(int x) => y + 1;\n}\n";
            using (var refused = await PublishAsync(owner.Client, "broken-fn", broken, null))
            {
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                var message = await refused.MessageAsync();
                Assert.Contains("(3,41): error CS0103: The name 'y' does not exist in the current context", message, StringComparison.Ordinal);
            }

            using (var notMade = await owner.Client.GetAsync("hub/api/deployments/broken-fn"))
            {
                Assert.Equal(HttpStatusCode.NotFound, notMade.StatusCode);
            }

            using (var noPredict = await PublishAsync(owner.Client, "broken-fn", "public record Input(int x);", null))
            {
                Assert.Equal(HttpStatusCode.BadRequest, noPredict.StatusCode);
                Assert.Contains("No public static method Predict", await noPredict.MessageAsync(), StringComparison.Ordinal);
            }

            // Rollback to the model: the function's process goes; a call naming v2 starts it again.
            using (var rollback = await owner.Client.PostAsJsonAsync($"hub/api/deployments/{name}/rollback", new { version = 1 }))
            {
                Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
            }

            Assert.Null(hub.Service<FunctionHosts>().ProcessIdOf(deploymentId, 2));
            Assert.False(ProcessTree.Exists(pid.Value), $"process {pid} should have been stopped with the rollback");
            using (var again = await PredictAsync(caller, $"deployments/{owner.Name}/{name}/v2/predict", key, Body(X1, X2)))
            {
                Assert.True(again.StatusCode == HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
            }

            var restartedPid = hub.Service<FunctionHosts>().ProcessIdOf(deploymentId, 2);
            Assert.NotNull(restartedPid);

            // Deletion: rows, the source, the process.
            using (var delete = await owner.Client.DeleteAsync($"hub/api/deployments/{name}"))
            {
                Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            }

            Assert.Null(hub.Service<FunctionHosts>().ProcessIdOf(deploymentId, 2));
            Assert.False(ProcessTree.Exists(restartedPid.Value));
            Assert.False(Directory.Exists(Path.Combine(hub.DataDirectory, "deployments", deploymentId)));
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_function_is_sandboxed_cut_at_its_timeout_replaced_when_it_dies_and_kept_across_a_restart()
    {
        string[] settings = ["--Hub:WarmKernels=0", "--Hub:FunctionTimeoutSeconds=2"];
        var hub = new HubFixture(settings);
        HubFixture? second = null;
        try
        {
            await hub.InitializeAsync();
            using var log = hub.Log.Attach(output);
            Assert.True(hub.Service<FunctionLauncher>().Sandboxed, "bubblewrap should confine C# functions here (the test command installs it)");
            using var owner = await hub.CreateUserAsync(Http.Unique("probe"));
            const string name = "probe";
            using (var created = await PublishAsync(owner.Client, name, Probe, null))
            {
                Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            }

            var key = await DeploymentForm.CreateKeyAsync(owner.Client, name);
            using var caller = hub.Client(authenticated: false);
            var predict = $"deployments/{owner.Name}/{name}/predict";
            async Task<(HttpStatusCode Status, string Text)> Ask(HttpClient client, string action, string target = "")
            {
                using var response = await PredictAsync(client, predict, key, new { inputs = new { action = new[] { action }, target = new[] { target } } });
                var json = await response.JsonAsync();
                return (response.StatusCode, response.StatusCode == HttpStatusCode.OK
                    ? json.GetProperty("outputs").GetProperty("output")[0].GetString()!
                    : json.GetProperty("message").GetString()!);
            }

            var first = await Ask(caller, "pid");
            Assert.Equal(HttpStatusCode.OK, first.Status);

            // No network: not even the hub's own port on loopback.
            var connect = await Ask(caller, "connect", hub.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(HttpStatusCode.OK, connect.Status);
            Assert.NotEqual("connected", connect.Text);
            output.WriteLine($"connecting to the hub's port from the function: {connect.Text}");

            // Writes: the system is read-only; the hub's data is not there (a write lands in an empty stand-in, never in the hub's folder).
            var system = await Ask(caller, "write", "/etc/aistudio-function-escape");
            Assert.Contains(system.Text, new[] { "IOException", "UnauthorizedAccessException" });
            Assert.False(File.Exists("/etc/aistudio-function-escape"));
            var intoData = Path.Combine(hub.DataDirectory, "function-escape.txt");
            await Ask(caller, "write", intoData);
            Assert.False(File.Exists(intoData));
            Assert.Equal("written", (await Ask(caller, "write", "own-folder.txt")).Text);

            // A call that never ends is cut at 2 s; the next call is answered (by a new process).
            var pidBefore = hub.Service<FunctionHosts>().ProcessIdOf((await hub.Service<DeploymentCatalog>().FindAsync(owner.Name, name, default))!.Id, 1);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var loop = await Ask(caller, "loop");
            Assert.Equal(HttpStatusCode.GatewayTimeout, loop.Status);
            Assert.Contains("did not finish within 2 s", loop.Text, StringComparison.Ordinal);
            Assert.InRange(started.Elapsed.TotalSeconds, 1.9, 10);
            var after = await Ask(caller, "pid");
            Assert.Equal(HttpStatusCode.OK, after.Status);
            Assert.NotNull(pidBefore);
            Assert.False(ProcessTree.Exists(pidBefore.Value), "the process with the runaway call should have been replaced");

            // A function that kills its process: that call fails with 503, the next is served by a new process.
            var exit = await Ask(caller, "exit");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, exit.Status);
            Assert.Contains("stopped while answering", exit.Text, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await Ask(caller, "pid")).Status);

            var metrics = (await owner.Client.GetJsonAsync($"hub/api/deployments/{name}/metrics")).GetProperty("versions")[0];
            Assert.Equal(1, metrics.GetProperty("status").GetProperty("504").GetInt64());
            Assert.Equal(1, metrics.GetProperty("status").GetProperty("503").GetInt64());

            // A restart: the new hub serves the function from its stored source.
            await hub.StopAsync();
            second = new HubFixture(hub, HubFixture.Token, settings);
            await second.InitializeAsync();
            using var log2 = second.Log.Attach(output);
            using var againCaller = second.Client(authenticated: false);
            var restarted = await Ask(againCaller, "pid");
            Assert.True(restarted.Status == HttpStatusCode.OK, restarted.Text);
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

    private static async Task<HttpResponseMessage> PublishAsync(HttpClient client, string name, string source, string? note) =>
        await client.PostAsJsonAsync($"hub/api/deployments/{name}/versions", new { kind = "function", source, note });

    private static object Body(float[] x1, float[] x2) => new { inputs = new { x1, x2, Label = new float[x1.Length] } };

    private static Task<HttpResponseMessage> PredictAsync(HttpClient client, string route, string? credential, object body) =>
        Authorized(client, HttpMethod.Post, route, credential, JsonContent.Create(body, options: AsNamed));

    private static Task<HttpResponseMessage> Authorized(HttpClient client, HttpMethod method, string route, string? credential, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, route) { Content = content };
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        return client.SendAsync(request);
    }

    private static void Count(Dictionary<string, int> calls, HttpResponseMessage response)
    {
        var version = response.Headers.GetValues(Version).Single();
        calls[version] = calls.GetValueOrDefault(version) + 1;
    }
}
