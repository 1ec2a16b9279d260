using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>
/// Deployments end to end through a real hub on loopback: an ML.NET model exported to ONNX uploaded as v1 and served
/// (answers equal ONNX Runtime's in this process), keys (wrong, revoked: 401), another user's deployment (404), malformed
/// inputs (400 naming the field), a second version with a 90/10 split over 1,000 calls, rollback, metrics equal to the
/// calls made, a hub restart on the same data, deletion.
/// </summary>
public sealed class DeploymentTests(ITestOutputHelper output)
{
    private const string Version = "X-AIStudio-Deployment-Version";
    private static readonly float[] X1 = [1, 2, 3];
    private static readonly float[] X2 = [0.5f, 1.5f, 2.5f];

    // Input names as the model has them (x1, x2, Label), not camel-cased as JsonContent does by default.
    private static readonly JsonSerializerOptions AsNamed = new();

    [Fact]
    public async Task A_model_is_deployed_called_split_rolled_back_measured_kept_across_a_restart_and_deleted()
    {
        string[] settings = ["--Hub:WarmKernels=0"];
        var hub = new HubFixture(settings);
        HubFixture? second = null;
        try
        {
            await hub.InitializeAsync();
            using var log = hub.Log.Attach(output);
            using var owner = await hub.CreateUserAsync(Http.Unique("dep"), new { plan = "professional" });
            using var stranger = await hub.CreateUserAsync(Http.Unique("other"));
            const string name = "house-prices";
            var v1 = OnnxTestModels.Regression(slope: 2);
            var v2 = OnnxTestModels.Regression(slope: -3);
            var calls = new Dictionary<string, int>(StringComparer.Ordinal);

            // v1: created with the deployment, all the traffic, the model's schema.
            JsonElement created;
            using (var upload = await DeploymentForm.UploadAsync(owner.Client, name, v1, note: "first"))
            {
                Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
                created = await upload.JsonAsync();
            }

            Assert.Equal(100, created.GetProperty("traffic").GetProperty("1").GetInt32());
            var schema = created.GetProperty("versions")[0].GetProperty("schema");
            var inputs = schema.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
            Assert.Equal(["Label", "x1", "x2"], inputs.Keys.Order(StringComparer.Ordinal));
            Assert.All(inputs.Values, i => Assert.Equal("float32", i.GetProperty("type").GetString()));
            Assert.Equal([-1, 1], inputs["x1"].GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            var score = schema.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()!).Single(n => n.StartsWith("Score", StringComparison.Ordinal));
            Assert.EndsWith($"/deployments/{owner.Name}/{name}/predict", created.GetProperty("url").GetString(), StringComparison.Ordinal);

            // Not a model: 400 with ONNX Runtime's reason; nothing created.
            using (var bad = await DeploymentForm.UploadAsync(owner.Client, "broken", "not a model at all"u8.ToArray(), fileName: "broken.onnx"))
            {
                Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
                Assert.Contains("'broken.onnx' is not an ONNX model ONNX Runtime can load:", await bad.MessageAsync(), StringComparison.Ordinal);
            }

            using (var missing = await owner.Client.GetAsync("hub/api/deployments/broken"))
            {
                Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            }

            // Keys: shown once, listed by prefix.
            var key = await CreateKeyAsync(owner.Client, name, "tests");
            var keys = await owner.Client.GetJsonAsync($"hub/api/deployments/{name}/keys");
            var listed = Assert.Single(keys.EnumerateArray());
            Assert.False(listed.TryGetProperty("key", out _));
            Assert.StartsWith(listed.GetProperty("prefix").GetString()!, key, StringComparison.Ordinal);
            Assert.Equal("tests", listed.GetProperty("note").GetString());

            using var caller = hub.Client(authenticated: false);
            var predict = $"deployments/{owner.Name}/{name}/predict";

            // A prediction equals ONNX Runtime's on the same input, in this process.
            var expected = OnnxTestModels.Run(v1, X1, X2, score);
            using (var answer = await PredictAsync(caller, predict, key, Body(X1, X2)))
            {
                Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
                Count(calls, answer);
                Assert.Equal("1", answer.Headers.GetValues(Version).Single());
                var json = await answer.JsonAsync();
                Assert.Equal(1, json.GetProperty("version").GetInt32());
                Assert.Equal(expected, json.GetProperty("outputs").GetProperty(score).EnumerateArray().Select(v => v.GetSingle()));
            }

            // The owner's own hub token works too; another user's does not, nor a wrong key, nor none.
            using (var byOwner = await PredictAsync(caller, predict, owner.Token, Body(X1, X2), scheme: "token"))
            {
                Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
                Count(calls, byOwner);
            }

            var refused = 0;
            foreach (var (credential, scheme) in new (string?, string)[] { ("aisd_" + new string('0', 40), "Bearer"), (stranger.Token, "token"), (null, "Bearer") })
            {
                using var unauthorized = await PredictAsync(caller, predict, credential, Body(X1, X2), scheme);
                Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
                Assert.StartsWith("Bearer", unauthorized.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
                refused++;
            }

            Assert.Contains(hub.Log.Lines, l => l.Contains($"Predict on {owner.Name}/{name} refused (401)", StringComparison.Ordinal));

            // Another user's deployment is not there for them.
            foreach (var route in new[] { $"hub/api/deployments/{name}", $"hub/api/deployments/{name}/keys", $"hub/api/deployments/{name}/metrics" })
            {
                using var hidden = await stranger.Client.GetAsync(route);
                Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            }

            using (var hiddenDelete = await stranger.Client.DeleteAsync($"hub/api/deployments/{name}"))
            {
                Assert.Equal(HttpStatusCode.NotFound, hiddenDelete.StatusCode);
            }

            Assert.Empty((await stranger.Client.GetJsonAsync("hub/api/deployments")).EnumerateArray());

            // Malformed inputs: 400 naming the field and what was expected.
            var malformed = new (object Body, string Expected)[]
            {
                (new { inputs = new { x1 = X1, Label = new float[3] } }, "inputs.x2 is missing"),
                (new { inputs = new { x1 = new object[] { 1, "abc", 3 }, x2 = X2, Label = new float[3] } }, "inputs.x1[1] is \"abc\": expected a number (float32"),
                (new { inputs = new { x1 = X1, x2 = new float[] { 1, 2 }, Label = new float[3] } }, "inputs.x2 has 2 rows but inputs.x1 has 3"),
                (new { inputs = new { x1 = 5, x2 = X2, Label = new float[3] } }, "inputs.x1 must be an array with one value per row (float32, shape [-1, 1]"),
                (new { rows = 1 }, "The body must be a JSON object with 'inputs'"),
            };
            foreach (var (body, message) in malformed)
            {
                using var rejected = await PredictAsync(caller, predict, key, body);
                Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
                Assert.Contains(message, await rejected.MessageAsync(), StringComparison.Ordinal);
                Count(calls, rejected);
            }

            // v2 takes no traffic until a split is set; then 90/10, seen over 1,000 calls.
            using (var upload = await DeploymentForm.UploadAsync(owner.Client, name, v2, note: "second"))
            {
                Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
                var traffic = (await upload.JsonAsync()).GetProperty("traffic");
                Assert.Equal(100, traffic.GetProperty("1").GetInt32());
                Assert.False(traffic.TryGetProperty("2", out _));
            }

            using (var wrongSplit = await owner.Client.PutAsJsonAsync($"hub/api/deployments/{name}/traffic", new Dictionary<string, int> { ["1"] = 90, ["2"] = 20 }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, wrongSplit.StatusCode);
                Assert.Contains("sum to 110", await wrongSplit.MessageAsync(), StringComparison.Ordinal);
            }

            using (var noSuchVersion = await owner.Client.PutAsJsonAsync($"hub/api/deployments/{name}/traffic", new Dictionary<string, int> { ["3"] = 100 }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, noSuchVersion.StatusCode);
            }

            using (var split = await owner.Client.PutAsJsonAsync($"hub/api/deployments/{name}/traffic", new Dictionary<string, int> { ["1"] = 90, ["2"] = 10 }))
            {
                Assert.Equal(HttpStatusCode.OK, split.StatusCode);
            }

            var seen = await CallManyAsync(caller, predict, key, 1000, calls);
            output.WriteLine($"1,000 calls at 90/10: v1 {seen.GetValueOrDefault("1")}, v2 {seen.GetValueOrDefault("2")}");
            Assert.Equal(1000, seen.GetValueOrDefault("1") + seen.GetValueOrDefault("2"));
            // Binomial(1000, 0.1): standard deviation 9.5; 60..140 is more than four of them either way.
            Assert.InRange(seen.GetValueOrDefault("2"), 60, 140);

            // v2 answers differently, as its own model does.
            using (var direct = await PredictAsync(caller, $"deployments/{owner.Name}/{name}/v2/predict", key, Body(X1, X2)))
            {
                Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
                Count(calls, direct);
                Assert.Equal("2", direct.Headers.GetValues(Version).Single());
                Assert.Equal(OnnxTestModels.Run(v2, X1, X2, score),
                    (await direct.JsonAsync()).GetProperty("outputs").GetProperty(score).EnumerateArray().Select(v => v.GetSingle()));
            }

            // Rollback: all traffic back to v1, the version that had it before the split.
            using (var rollback = await owner.Client.PostAsync($"hub/api/deployments/{name}/rollback", null))
            {
                Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
                var traffic = (await rollback.JsonAsync()).GetProperty("traffic");
                Assert.Equal(100, traffic.GetProperty("1").GetInt32());
                Assert.False(traffic.TryGetProperty("2", out _));
            }

            var after = await CallManyAsync(caller, predict, key, 50, calls);
            Assert.Equal(50, after.GetValueOrDefault("1"));

            // Metrics: the calls made, per version; refusals before a version was chosen apart.
            var metrics = await owner.Client.GetJsonAsync($"hub/api/deployments/{name}/metrics");
            var versions = metrics.GetProperty("versions").EnumerateArray().ToDictionary(v => v.GetProperty("version").GetString()!);
            foreach (var version in new[] { "1", "2" })
            {
                Assert.Equal(calls[version], versions[version].GetProperty("requests").GetInt64());
                var latency = versions[version].GetProperty("latency_ms");
                Assert.True(latency.GetProperty("p50").GetDouble() > 0);
                Assert.True(latency.GetProperty("p50").GetDouble() <= latency.GetProperty("p95").GetDouble());
                Assert.True(latency.GetProperty("p95").GetDouble() <= latency.GetProperty("p99").GetDouble());
            }

            Assert.Equal(malformed.Length, versions["1"].GetProperty("errors").GetInt64());
            Assert.Equal(refused, metrics.GetProperty("refused").GetProperty("requests").GetInt64());
            var prometheus = await owner.Client.GetStringAsync("hub/api/deployments/metrics");
            Assert.Contains($"aistudio_deployment_requests_total{{owner=\"{owner.Name}\",deployment=\"{name}\",version=\"2\",status=\"200\"}} {calls["2"]}\n", prometheus, StringComparison.Ordinal);
            Assert.Contains($"aistudio_deployment_requests_total{{owner=\"{owner.Name}\",deployment=\"{name}\",version=\"1\",status=\"400\"}} {malformed.Length}\n", prometheus, StringComparison.Ordinal);
            Assert.Contains($"aistudio_deployment_request_duration_seconds_count{{owner=\"{owner.Name}\",deployment=\"{name}\",version=\"1\"}} {calls["1"]}\n", prometheus, StringComparison.Ordinal);
            Assert.DoesNotContain(owner.Name, await stranger.Client.GetStringAsync("hub/api/deployments/metrics"), StringComparison.Ordinal);

            // OpenAPI: the predict endpoints with the model's inputs.
            using (var openApi = await Authorized(caller, HttpMethod.Get, $"deployments/{owner.Name}/{name}/openapi.json", key, null))
            {
                Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
                var text = await openApi.Content.ReadAsStringAsync();
                var document = JsonDocument.Parse(text).RootElement;
                Assert.Equal("3.0.3", document.GetProperty("openapi").GetString());
                OpenApiDocuments.AssertValid(text);
                Assert.True(document.GetProperty("paths").TryGetProperty($"/deployments/{owner.Name}/{name}/predict", out _));
                var properties = document.GetProperty("components").GetProperty("schemas").GetProperty("PredictRequest")
                    .GetProperty("properties").GetProperty("inputs").GetProperty("properties");
                // A number, or the name of NaN or an infinity.
                var x1 = properties.GetProperty("x1").GetProperty("items").GetProperty("anyOf");
                Assert.Equal("number", x1[0].GetProperty("type").GetString());
                Assert.Equal(["NaN", "Infinity", "-Infinity"], x1[1].GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
            }

            // A revoked key stops at once; another key goes on.
            var spare = await CreateKeyAsync(owner.Client, name, "spare");
            using (var revoke = await owner.Client.DeleteAsync($"hub/api/deployments/{name}/keys/{listed.GetProperty("id").GetString()}"))
            {
                Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
            }

            using (var revoked = await PredictAsync(caller, predict, key, Body(X1, X2)))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
            }

            // A restart: a new hub on the same data directory and database serves the deployment with the same answers.
            await hub.StopAsync();
            second = new HubFixture(hub, HubFixture.Token, settings);
            await second.InitializeAsync();
            using var log2 = second.Log.Attach(output);
            using var again = second.Client(authenticated: false);
            using (var restarted = await PredictAsync(again, predict, spare, Body(X1, X2)))
            {
                Assert.True(restarted.StatusCode == HttpStatusCode.OK, await restarted.Content.ReadAsStringAsync());
                Assert.Equal("1", restarted.Headers.GetValues(Version).Single());
                Assert.Equal(expected, (await restarted.JsonAsync()).GetProperty("outputs").GetProperty(score).EnumerateArray().Select(v => v.GetSingle()));
            }

            // Deletion: rows, files and the endpoint gone.
            using var ownerAgain = second.ClientWithToken(owner.Token);
            var shown = await ownerAgain.GetJsonAsync($"hub/api/deployments/{name}");
            Assert.Equal(2, shown.GetProperty("versions").GetArrayLength());
            var folders = Directory.GetDirectories(Path.Combine(second.DataDirectory, "deployments")).Where(d => !Path.GetFileName(d).StartsWith('.')).ToArray();
            Assert.Single(folders);
            using (var delete = await ownerAgain.DeleteAsync($"hub/api/deployments/{name}"))
            {
                Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            }

            Assert.False(Directory.Exists(folders[0]));
            using (var gone = await PredictAsync(again, predict, spare, Body(X1, X2)))
            {
                Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            }

            using (var goneApi = await ownerAgain.GetAsync($"hub/api/deployments/{name}"))
            {
                Assert.Equal(HttpStatusCode.NotFound, goneApi.StatusCode);
            }
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

    [Fact]
    public async Task Over_the_rate_limit_answers_429_with_retry_after_and_over_the_size_limit_413()
    {
        var hub = new HubFixture(["--Hub:WarmKernels=0", "--Hub:DeploymentRequestsPerMinute=3", "--Hub:DeploymentMaxBytes=65536"]);
        try
        {
            await hub.InitializeAsync();
            using var log = hub.Log.Attach(output);
            using var owner = await hub.CreateUserAsync(Http.Unique("lim"));
            var model = OnnxTestModels.Regression(slope: 1);
            Assert.True(model.Length < 65536, $"the test model is {model.Length} bytes");
            using (var upload = await DeploymentForm.UploadAsync(owner.Client, "limited", model))
            {
                Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
                Assert.Equal(3, (await upload.JsonAsync()).GetProperty("requests_per_minute").GetInt32());
            }

            using (var big = await DeploymentForm.UploadAsync(owner.Client, "big", new byte[65537]))
            {
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
                Assert.Contains("at most 64 KB (65536 bytes)", await big.MessageAsync(), StringComparison.Ordinal);
            }

            var key = await CreateKeyAsync(owner.Client, "limited", null);
            using var caller = hub.Client(authenticated: false);
            for (var i = 0; i < 3; i++)
            {
                using var allowed = await PredictAsync(caller, $"deployments/{owner.Name}/limited/predict", key, Body(X1, X2));
                Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            }

            using (var limited = await PredictAsync(caller, $"deployments/{owner.Name}/limited/predict", key, Body(X1, X2)))
            {
                Assert.Equal((HttpStatusCode)429, limited.StatusCode);
                var retryAfter = limited.Headers.RetryAfter?.Delta;
                Assert.NotNull(retryAfter);
                Assert.InRange(retryAfter.Value.TotalSeconds, 1, 20);
                Assert.Contains("3 requests a minute", await limited.MessageAsync(), StringComparison.Ordinal);
            }

            Assert.Contains(hub.Log.Lines, l => l.Contains($"Predict on {owner.Name}/limited refused (429)", StringComparison.Ordinal));
            var metrics = await owner.Client.GetJsonAsync("hub/api/deployments/limited/metrics");
            Assert.Equal(3, metrics.GetProperty("versions")[0].GetProperty("requests").GetInt64());
            Assert.Equal(1, metrics.GetProperty("refused").GetProperty("status").GetProperty("429").GetInt64());
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    private static object Body(float[] x1, float[] x2) => new { inputs = new { x1, x2, Label = new float[x1.Length] } };

    private static async Task<string> CreateKeyAsync(HttpClient client, string name, string? note)
    {
        using var response = await client.PostAsJsonAsync($"hub/api/deployments/{name}/keys", new { note, scopes = new[] { "predict" } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var key = (await response.JsonAsync()).GetProperty("key").GetString()!;
        Assert.StartsWith("aisd_", key, StringComparison.Ordinal);
        return key;
    }

    private static Task<HttpResponseMessage> PredictAsync(HttpClient client, string route, string? credential, object body, string scheme = "Bearer") =>
        Authorized(client, HttpMethod.Post, route, credential, JsonContent.Create(body, options: AsNamed), scheme);

    private static Task<HttpResponseMessage> Authorized(HttpClient client, HttpMethod method, string route, string? credential, HttpContent? content, string scheme = "Bearer")
    {
        var request = new HttpRequestMessage(method, route) { Content = content };
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, credential);
        }

        return client.SendAsync(request);
    }

    private static void Count(Dictionary<string, int> calls, HttpResponseMessage response)
    {
        var version = response.Headers.GetValues(Version).Single();
        calls[version] = calls.GetValueOrDefault(version) + 1;
    }

    /// <summary>Makes <paramref name="count"/> predictions, 8 at a time; how many each version answered.</summary>
    private static async Task<Dictionary<string, int>> CallManyAsync(HttpClient client, string route, string key, int count, Dictionary<string, int> calls)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 0;
        var gate = new Lock();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                using var response = await PredictAsync(client, route, key, Body(X1, X2));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                lock (gate)
                {
                    Count(seen, response);
                    Count(calls, response);
                }
            }
        }));
        return seen;
    }
}
