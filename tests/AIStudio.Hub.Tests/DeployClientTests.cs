using System.Net;
using AIStudio.Extensions.Deploy;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>
/// The Deploy extension's client (what a notebook's <c>Deploy.Hub</c> and <c>#!deploy</c> use) against a real hub: an
/// ML.NET model published from memory, called with a key, a second version split in, rolled back, refusals carried
/// through with the hub's message, deleted.
/// </summary>
[Collection(HubTests.Name)]
public sealed class DeployClientTests(HubFixture hub, ITestOutputHelper output)
{
    private static readonly float[] X1 = [1, 2, 3];
    private static readonly float[] X2 = [0.5f, 1.5f, 2.5f];

    [Fact]
    public async Task A_notebook_publishes_calls_splits_rolls_back_and_deletes_a_model()
    {
        using var log = hub.Log.Attach(output);
        using var user = await hub.CreateUserAsync(Http.Unique("deployer"));
        using var client = new DeployClient(hub.BaseAddress, user.Token);
        var ml = new MLContext(seed: 1);
        var (model, data) = Train(ml, slope: 2);

        var deployment = await client.PublishAsync("doubler", ml, model, data, note: "slope 2");

        Assert.Equal(user.Name, deployment.Owner);
        Assert.Equal(100, Assert.Single(deployment.Versions).Traffic);
        var key = await client.CreateKeyAsync("doubler");
        Assert.StartsWith("aisd_", key, StringComparison.Ordinal);
        var inputs = new Dictionary<string, Array> { ["x1"] = X1, ["x2"] = X2, ["Label"] = new float[3] };
        var prediction = await client.PredictAsync(deployment, inputs, key);
        Assert.Equal(1, prediction.Version);
        // What ML.NET itself predicts, to float rounding (the ONNX graph sums in another order).
        var expected = Predict(ml, model, X1, X2);
        Assert.Equal(expected.Length, prediction.Numbers("Score.output").Length);
        Assert.All(expected.Zip(prediction.Numbers("Score.output")), p => Assert.Equal(p.First, p.Second, 1e-4));

        var measured = Assert.Single(await client.MetricsAsync("doubler"));
        Assert.Equal((1, 1L, 0L), (measured.Version, measured.Requests, measured.Errors));
        Assert.True(measured.P99Ms >= measured.P50Ms && measured.P50Ms > 0);

        var (second, _) = Train(ml, slope: 5);
        deployment = await client.PublishAsync("doubler", ml, second, data, note: "slope 5");
        Assert.Equal(2, deployment.Latest.Version);
        deployment = await client.SetTrafficAsync("doubler", new Dictionary<int, int> { [1] = 50, [2] = 50 });
        Assert.Equal([50, 50], deployment.Versions.Select(v => v.Traffic));
        Assert.Equal(2, (await client.PredictAsync(deployment, inputs, key, version: 2)).Version);
        deployment = await client.RollbackAsync("doubler", version: 1);
        Assert.Equal([100, 0], deployment.Versions.Select(v => v.Traffic));

        var refused = await Assert.ThrowsAsync<DeployException>(() => client.SetTrafficAsync("doubler", new Dictionary<int, int> { [1] = 60 }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("100", refused.Message, StringComparison.Ordinal);
        var wrongKey = await Assert.ThrowsAsync<DeployException>(() => client.PredictAsync(deployment, inputs, "aisd_" + new string('0', 40)));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.Status);

        await client.DeleteAsync("doubler");
        var gone = await Assert.ThrowsAsync<DeployException>(() => client.GetAsync("doubler"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }

    [Fact]
    public async Task A_notebook_publishes_and_calls_a_csharp_function_and_sees_the_compilers_errors()
    {
        using var log = hub.Log.Attach(output);
        using var user = await hub.CreateUserAsync(Http.Unique("fndeployer"));
        using var client = new DeployClient(hub.BaseAddress, user.Token);
        const string source = """
            public record Order(int quantity, double price);
            public record Quote(double total, bool discounted);

            public static class Pricing
            {
                public static async Task<Quote> Predict(Order order)
                {
                    await Task.Yield();
                    var total = order.quantity * order.price;
                    return total > 100 ? new Quote(total * 0.9, true) : new Quote(total, false);
                }
            }
            """;

        var deployment = await client.PublishFunctionAsync("pricing", source, note: "10% off over 100");

        var version = Assert.Single(deployment.Versions);
        Assert.Equal("function", version.Kind);
        Assert.Equal(["quantity: int32", "price: float64"], version.Inputs);
        Assert.Equal(["total: float64", "discounted: bool"], version.Outputs);
        Assert.Contains("v1 (C# function): 100% of the traffic — 10% off over 100", deployment.ToText(), StringComparison.Ordinal);
        Assert.Contains("<code>quantity: int32</code>", deployment.ToHtml(), StringComparison.Ordinal);
        var quote = await client.PredictAsync(deployment, new Dictionary<string, Array> { ["quantity"] = new[] { 1, 30 }, ["price"] = new[] { 20.0, 5.0 } });
        Assert.Equal([20.0, 135.0], quote.Numbers("total"));
        Assert.Equal(["False", "True"], quote.Texts("discounted"));

        var refused = await Assert.ThrowsAsync<DeployException>(() => client.PublishFunctionAsync("pricing", "public static class P { public static int Predict(int x) => x +; }"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("(1,64): error CS1525: Invalid expression term ';'", refused.Message, StringComparison.Ordinal);
        Assert.Single((await client.GetAsync("pricing")).Versions);

        await client.DeleteAsync("pricing");
    }

    [Fact]
    public void Outside_a_hub_kernel_Deploy_Hub_says_how_to_connect()
    {
        if (Environment.GetEnvironmentVariable("AISTUDIO_HUB_URL") is not null)
        {
            Assert.Fail("AISTUDIO_HUB_URL is set in the test process: this test checks the message given without it.");
        }

        var error = Assert.Throws<InvalidOperationException>(() => Deploy.Hub);

        Assert.Contains("Deploy.Connect", error.Message, StringComparison.Ordinal);
    }

    private static (ITransformer Model, IDataView Data) Train(MLContext ml, float slope)
    {
        var rows = Enumerable.Range(0, 40).Select(i => new Row { X1 = i % 10, X2 = i / 10f, Label = (slope * (i % 10)) + (i / 10f) }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Concatenate("Features", "x1", "x2")
            .Append(ml.Regression.Trainers.Sdca(labelColumnName: "Label", featureColumnName: "Features", maximumNumberOfIterations: 20));
        return (pipeline.Fit(data), data);
    }

    private static float[] Predict(MLContext ml, ITransformer model, float[] x1, float[] x2)
    {
        var rows = x1.Zip(x2, (a, b) => new Row { X1 = a, X2 = b }).ToArray();
        return [.. ml.Data.CreateEnumerable<Scored>(model.Transform(ml.Data.LoadFromEnumerable(rows)), reuseRowObject: false).Select(s => s.Score)];
    }

    private sealed class Row
    {
        [ColumnName("x1")]
        public float X1 { get; set; }

        [ColumnName("x2")]
        public float X2 { get; set; }

        public float Label { get; set; }
    }

    private sealed class Scored
    {
        public float Score { get; set; }
    }
}
