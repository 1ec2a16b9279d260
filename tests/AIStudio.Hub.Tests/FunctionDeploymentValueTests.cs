using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>
/// What C# function deployments take and answer at the edges, through a real hub on loopback and each version's real
/// aistudio-function-host process: non-finite numbers (NaN, ±infinity, which JSON has no number for) are answered as the
/// strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c> — by a function (alone, in arrays, in records) and by an
/// ONNX model alike — and taken back in requests, as the OpenAPI document says; and the inputs that have a default value
/// (optional parameters of the input record, or of <c>Predict</c> itself) may be left out: not required in the schema or
/// the OpenAPI document, their default used when missing.
/// </summary>
public sealed class FunctionDeploymentValueTests(ITestOutputHelper output)
{
    private static readonly string[] NamedLiterals = ["NaN", "Infinity", "-Infinity"];

    /// <summary>Non-finite numbers alone, in an array, in a nested record and in a nullable value; finite ones on other rows.</summary>
    private const string NonFinite = """
        public record Input(double x);
        public record Pair(double low, float high);
        public record Output(double value, double[] values, Pair pair, double? maybe);

        public static class Function
        {
            public static Output Predict(Input input) => input.x == 0
                ? new(double.NaN, [double.PositiveInfinity, 1.5, double.NegativeInfinity], new(double.NaN, float.PositiveInfinity), double.NegativeInfinity)
                : new(input.x, [input.x], new(input.x, (float)input.x), null);
        }
        """;

    /// <summary>A single value in and out: log(-1) is NaN, log(0) is -infinity.</summary>
    private const string Logarithm = """
        public static class Function
        {
            public static double Predict(double x) => Math.Log(x);
        }
        """;

    /// <summary>An input record whose last three properties have defaults.</summary>
    private const string Scaled = """
        public record Input(double x, double scale = 2.0, string unit = "m", int? offset = null);

        public static class Function
        {
            public static string Predict(Input input) => $"{input.x * input.scale + (input.offset ?? 0)} {input.unit}";
        }
        """;

    /// <summary>A single input that has a default.</summary>
    private const string Square = """
        public static class Function
        {
            public static double Predict(double x = 4) => x * x;
        }
        """;

    [Fact]
    public async Task Non_finite_numbers_are_answered_as_named_strings_by_functions_and_models_alike()
    {
        var hub = new HubFixture(["--Hub:WarmKernels=0"]);
        try
        {
            await hub.InitializeAsync();
            using var log = hub.Log.Attach(output);
            using var owner = await hub.CreateUserAsync(Http.Unique("nan"), new { plan = "professional" });
            await PublishOkAsync(owner.Client, "non-finite", NonFinite);
            await PublishOkAsync(owner.Client, "log", Logarithm);
            await DeploymentForm.UploadOkAsync(owner.Client, "model", OnnxTestModels.Regression(slope: 2), "onnx");

            // A function: NaN and infinities wherever they are in the answer, finite numbers as numbers.
            var answer = await PredictOkAsync(owner.Client, owner.Name, "non-finite", new { inputs = new { x = new[] { 0.0, 2.0 } } });
            var outputs = answer.GetProperty("outputs");
            Assert.Equal("""["NaN",2]""", outputs.GetProperty("value").GetRawText());
            Assert.Equal("""[["Infinity",1.5,"-Infinity"],[2]]""", outputs.GetProperty("values").GetRawText());
            Assert.Equal("""[{"low":"NaN","high":"Infinity"},{"low":2,"high":2}]""", outputs.GetProperty("pair").GetRawText());
            Assert.Equal("""["-Infinity",null]""", outputs.GetProperty("maybe").GetRawText());

            // A single value; the same strings are taken as inputs.
            var logs = await PredictOkAsync(owner.Client, owner.Name, "log", new { inputs = new { x = new object[] { -1, 0, 1, "Infinity" } } });
            Assert.Equal("""["NaN","-Infinity",0,"Infinity"]""", logs.GetProperty("outputs").GetProperty("output").GetRawText());

            // An ONNX model: NaN in (a missing value, sent as null or "NaN") is NaN out; past float32's range is ±infinity.
            var rows = new { inputs = new Dictionary<string, object?[]>
            {
                ["x1"] = [null, "NaN", 3e38f, -3e38f, 1f],
                ["x2"] = [0f, 0f, 0f, 0f, 0f],
                ["Label"] = [0f, 0f, 0f, 0f, 0f],
            } };
            var model = await PredictOkAsync(owner.Client, owner.Name, "model", rows);
            var scores = model.GetProperty("outputs").GetProperty("Score.output").EnumerateArray().ToArray();
            Assert.Equal(["NaN", "NaN", "Infinity", "-Infinity"], scores[..4].Select(s => s.GetString()));
            Assert.Equal(JsonValueKind.Number, scores[4].ValueKind);

            // The OpenAPI documents say so, for the function's outputs and the model's.
            var function = await OpenApiAsync(owner.Client, owner.Name, "non-finite");
            Assert.Contains("\"Infinity\"", Property(function, "PredictResponse", "outputs", "value").GetProperty("items").GetRawText(), StringComparison.Ordinal);
            Assert.Contains("\"NaN\"", Property(function, "PredictResponse", "outputs", "pair").GetProperty("items").GetRawText(), StringComparison.Ordinal);
            var maybe = Property(function, "PredictResponse", "outputs", "maybe").GetProperty("items").GetProperty("anyOf").EnumerateArray().ToArray();
            // A nullable number, as OpenAPI 3.0 says it (JSON Schema's {"type": "null"} choice has no place there).
            Assert.Contains(maybe, s => s.TryGetProperty("type", out var t) && t.GetString() == "number" && s.TryGetProperty("nullable", out var n) && n.GetBoolean());
            Assert.DoesNotContain(maybe, s => s.TryGetProperty("type", out var t) && t.GetString() == "null");
            var onnx = await OpenApiAsync(owner.Client, owner.Name, "model");
            var score = Property(onnx, "PredictResponse", "outputs", "Score.output").GetProperty("items");
            Assert.Equal(NamedLiterals, score.GetProperty("anyOf").EnumerateArray().Single(s => s.TryGetProperty("enum", out _)).GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
            Assert.Contains("\"-Infinity\"", onnx.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task Inputs_with_default_values_are_optional_in_the_schema_and_may_be_left_out()
    {
        var hub = new HubFixture(["--Hub:WarmKernels=0"]);
        try
        {
            await hub.InitializeAsync();
            using var log = hub.Log.Attach(output);
            using var owner = await hub.CreateUserAsync(Http.Unique("opt"));
            var published = await PublishOkAsync(owner.Client, "scaled", Scaled);
            await PublishOkAsync(owner.Client, "square", Square);

            // The version's schema: x required, the others optional.
            var inputs = published.GetProperty("versions")[0].GetProperty("schema").GetProperty("inputs").EnumerateArray()
                .ToDictionary(i => i.GetProperty("name").GetString()!, i => i.TryGetProperty("optional", out var o) && o.GetBoolean());
            Assert.Equal(new Dictionary<string, bool> { ["x"] = false, ["scale"] = true, ["unit"] = true, ["offset"] = true }, inputs);

            // The OpenAPI document: only x is required; the defaults are shown.
            var document = await OpenApiAsync(owner.Client, owner.Name, "scaled");
            var request = document.GetProperty("components").GetProperty("schemas").GetProperty("PredictRequest").GetProperty("properties").GetProperty("inputs");
            Assert.Equal(["x"], request.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(2.0, request.GetProperty("properties").GetProperty("scale").GetProperty("items").GetProperty("default").GetDouble());
            Assert.Equal("m", request.GetProperty("properties").GetProperty("unit").GetProperty("items").GetProperty("default").GetString());

            // Left out: the defaults; sent: the values sent.
            var defaults = await PredictOkAsync(owner.Client, owner.Name, "scaled", new { inputs = new { x = new[] { 1.0, 3.0 } } });
            Assert.Equal(["2 m", "6 m"], defaults.GetProperty("outputs").GetProperty("output").EnumerateArray().Select(v => v.GetString()));
            var given = await PredictOkAsync(owner.Client, owner.Name, "scaled", new { inputs = new { x = new[] { 1.0, 3.0 }, scale = new[] { 10.0, 10.0 }, offset = new int?[] { 1, null } } });
            Assert.Equal(["11 m", "30 m"], given.GetProperty("outputs").GetProperty("output").EnumerateArray().Select(v => v.GetString()));

            // x stays required.
            using (var missing = await PredictAsync(owner.Client, owner.Name, "scaled", new { inputs = new { scale = new[] { 1.0 } } }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
                Assert.Contains("inputs.x is missing", await missing.MessageAsync(), StringComparison.Ordinal);
            }

            // Predict's own parameter with a default: optional; with nothing sent, one row of the default.
            var square = await OpenApiAsync(owner.Client, owner.Name, "square");
            var squareInputs = square.GetProperty("components").GetProperty("schemas").GetProperty("PredictRequest").GetProperty("properties").GetProperty("inputs");
            Assert.False(squareInputs.TryGetProperty("required", out _), squareInputs.GetRawText());
            var one = await PredictOkAsync(owner.Client, owner.Name, "square", new { inputs = new { } });
            Assert.Equal("[16]", one.GetProperty("outputs").GetProperty("output").GetRawText());
            var sent = await PredictOkAsync(owner.Client, owner.Name, "square", new { inputs = new { x = new[] { 3.0 } } });
            Assert.Equal("[9]", sent.GetProperty("outputs").GetProperty("output").GetRawText());
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    private static async Task<JsonElement> PublishOkAsync(HttpClient client, string name, string source)
    {
        using var created = await client.PostAsJsonAsync($"hub/api/deployments/{name}/versions", new { kind = "function", source });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return await created.JsonAsync();
    }

    /// <summary>A prediction with the owner's own token (which predict takes, as it takes a key).</summary>
    private static Task<HttpResponseMessage> PredictAsync(HttpClient client, string owner, string name, object body) =>
        client.PostAsync($"deployments/{owner}/{name}/predict", JsonContent.Create(body, options: new JsonSerializerOptions()));

    private static async Task<JsonElement> PredictOkAsync(HttpClient client, string owner, string name, object body)
    {
        using var answer = await PredictAsync(client, owner, name, body);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        return await answer.JsonAsync();
    }

    /// <summary>The deployment's OpenAPI document, checked against the specification's rules.</summary>
    private static async Task<JsonElement> OpenApiAsync(HttpClient client, string owner, string name)
    {
        var text = await client.GetStringAsync($"deployments/{owner}/{name}/openapi.json");
        OpenApiDocuments.AssertValid(text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>An input or output of an OpenAPI document's request or response schema.</summary>
    private static JsonElement Property(JsonElement document, string schema, string group, string name) =>
        document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").GetProperty(group).GetProperty("properties").GetProperty(name);
}
