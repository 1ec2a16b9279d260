using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

// The deployment bench's C# half (bench/deploy/run.sh drives it):
//
//   DeployBench model DIR
//       trains a small ML.NET regression (4 float features) and exports it with Microsoft.ML.OnnxConverter to DIR/model.onnx;
//       writes DIR/body.json, the predict request body the bench sends ({"inputs": {...}}: one row, every input the
//       exported graph takes, the label included), and prints {"score_output", "score"}: the model's answer to that row.
//   DeployBench paced (--model MODEL | --url URL --key KEY --body FILE [--client raw|httpclient]) [--samples FILE] [--rate 2000] [--connections 20] [--seconds 10] [--warmup 2]
//       latency at a fixed offered load (as wrk2 measures it): RATE predictions/s spread over CONNECTIONS workers, each
//       sending its share one after another at scheduled times; latency counts from a request's scheduled time (so a
//       late start — coordinated omission — is charged to the server), in-process (--model: the floor's session) or
//       over HTTP with keep-alive connections (--url; one prepared request per connection sent as wrk does, or with
//       --client httpclient through .NET's HttpClient); with --samples FILE, every request's due time and latency as CSV; prints JSON: achieved rate, errors, latency p50/p95/p99 (ms).
//   DeployBench floor MODEL [--seconds 10] [--concurrency 20] [--warmup 2]
//       the physical floor: the same one-row prediction through one shared InferenceSession with the hub's session
//       options (DeploymentSessions.NewOptions: one intra-op thread), from CONCURRENCY tasks in a closed loop on the
//       thread pool; prints JSON: predictions/s and latency p50/p95/p99 (ms).
//
// Floor latency is measured as a client would see it: from the moment a task asks for its next prediction (it then yields
// to the thread pool, where it waits its turn behind the other tasks as a request waits behind the other connections'
// in a server) to the result. So at 20 in flight it is the queueing plus ONNX Runtime's own time, with no HTTP, JSON,
// authentication or routing: what a server with zero overhead of its own would answer.
var culture = CultureInfo.InvariantCulture;
if (args.Length >= 2 && args[0] == "model")
{
    return Model(args[1]);
}

if (args.Length >= 2 && args[0] == "floor")
{
    double Option(string name, double fallback)
    {
        var i = Array.IndexOf(args, name);
        return i > 0 && i + 1 < args.Length ? double.Parse(args[i + 1], culture) : fallback;
    }

    return await Floor(args[1], Option("--seconds", 10), (int)Option("--concurrency", 20), Option("--warmup", 2)).ConfigureAwait(false);
}

if (args.Length >= 1 && args[0] == "paced")
{
    string? Text(string name)
    {
        var i = Array.IndexOf(args, name);
        return i > 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    double Number(string name, double fallback) => Text(name) is { } value ? double.Parse(value, culture) : fallback;
    return await Paced.RunAsync(Text("--model"), Text("--url"), Text("--key"), Text("--body"), Text("--client") ?? "raw", Text("--samples"), Number("--rate", 2000), (int)Number("--connections", 20),
        Number("--seconds", 10), Number("--warmup", 2)).ConfigureAwait(false);
}

await Console.Error.WriteLineAsync("usage: DeployBench model DIR | DeployBench floor MODEL [--seconds S] [--concurrency N] [--warmup S] | DeployBench paced (--model MODEL | --url URL --key KEY --body FILE [--client raw|httpclient]) [--samples FILE] [--rate R] [--connections N] [--seconds S] [--warmup S]").ConfigureAwait(false);
return 2;

static int Model(string directory)
{
    Directory.CreateDirectory(directory);
    var ml = new MLContext(seed: 7);
    var random = new Random(7);
    var rows = Enumerable.Range(0, 200).Select(_ =>
    {
        var f = new float[4];
        for (var j = 0; j < 4; j++)
        {
            f[j] = (float)(random.NextDouble() * 10);
        }

        return new Row { F1 = f[0], F2 = f[1], F3 = f[2], F4 = f[3], Label = (1.5f * f[0]) - (2 * f[1]) + (0.5f * f[2]) + f[3] + 3 };
    }).ToArray();
    var data = ml.Data.LoadFromEnumerable(rows);
    var pipeline = ml.Transforms.Concatenate("Features", "f1", "f2", "f3", "f4")
        .Append(ml.Regression.Trainers.Sdca(labelColumnName: "Label", featureColumnName: "Features", maximumNumberOfIterations: 50));
    var model = pipeline.Fit(data);
    var path = Path.Combine(directory, "model.onnx");
    using (var file = File.Create(path))
    {
        ml.Model.ConvertToOnnx(model, data, file);
    }

    var body = new Dictionary<string, object>
    {
        ["inputs"] = Inputs.Row.ToDictionary(p => p.Key, p => (object)new[] { p.Value }),
    };
    File.WriteAllText(Path.Combine(directory, "body.json"), JsonSerializer.Serialize(body));

    using var session = new InferenceSession(path);
    var output = session.OutputMetadata.Keys.First(k => k.StartsWith("Score", StringComparison.Ordinal));
    using var results = session.Run(Inputs.Tensors());
    var score = results.Single(r => r.Name == output).AsTensor<float>().ToArray()[0];
    Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["score_output"] = output, ["score"] = score }));
    return 0;
}

static async Task<int> Floor(string path, double seconds, int concurrency, double warmup)
{
    using var session = Inputs.Session(path);
    var output = session.OutputMetadata.Keys.First(k => k.StartsWith("Score", StringComparison.Ordinal));

    var warm = await Loop(session, output, concurrency, TimeSpan.FromSeconds(warmup)).ConfigureAwait(false);
    var run = await Loop(session, output, concurrency, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
    var latencies = run.Latencies;
    latencies.Sort();
    var result = new Dictionary<string, object>
    {
        ["concurrency"] = concurrency,
        ["seconds"] = run.Elapsed.TotalSeconds,
        ["predictions"] = latencies.Count,
        ["warmup_predictions"] = warm.Latencies.Count,
        ["rps"] = latencies.Count / run.Elapsed.TotalSeconds,
        ["p50_ms"] = Stats.Percentile(latencies, 50),
        ["p95_ms"] = Stats.Percentile(latencies, 95),
        ["p99_ms"] = Stats.Percentile(latencies, 99),
        ["max_ms"] = latencies[^1],
        ["score"] = run.Score,
    };
    Console.WriteLine(JsonSerializer.Serialize(result));
    return 0;
}

// CONCURRENCY tasks, each asking for one prediction after another until the time is up: the latencies (ms) of all.
static async Task<(List<double> Latencies, TimeSpan Elapsed, float Score)> Loop(InferenceSession session, string output, int concurrency, TimeSpan duration)
{
    var started = Stopwatch.GetTimestamp();
    var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var score = 0f;
    var tasks = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
    {
        var mine = new List<double>(1 << 16);
        while (true)
        {
            var asked = Stopwatch.GetTimestamp();
            if (asked >= until)
            {
                return mine;
            }

            await Task.Yield(); // take a turn on the pool, as a request takes one on the server's threads
            var inputs = Inputs.Tensors(); // as the hub builds them per request (one [1, 1] float tensor per input)
            using (var results = session.Run(inputs))
            {
                score = results.First(r => r.Name == output).AsTensor<float>()[0, 0];
            }

            mine.Add(Stopwatch.GetElapsedTime(asked).TotalMilliseconds);
        }
    })).ToArray();
    var all = await Task.WhenAll(tasks).ConfigureAwait(false);
    var elapsed = Stopwatch.GetElapsedTime(started);
    return ([.. all.SelectMany(l => l)], elapsed, score);
}

/// <summary>The row every prediction of the bench asks about, in-process and through the hub alike.</summary>
internal static class Inputs
{
    public static readonly IReadOnlyDictionary<string, float> Row = new Dictionary<string, float>(StringComparer.Ordinal)
    {
        ["f1"] = 2.5f,
        ["f2"] = 1.25f,
        ["f3"] = 7f,
        ["f4"] = 0.5f,
        ["Label"] = 0f, // ML.NET's exported graph takes every column it was trained with, the label included
    };

    private static readonly int[] Shape = [1, 1];

    /// <summary>A session with the hub's options (DeploymentSessions.NewOptions: one intra-op thread, sequential).</summary>
    public static InferenceSession Session(string path)
    {
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        return new InferenceSession(path, options);
    }

    public static List<NamedOnnxValue> Tensors() =>
        [.. Row.Select(p => NamedOnnxValue.CreateFromTensor(p.Key, new DenseTensor<float>(new[] { p.Value }, Shape)))];
}

internal sealed class Row
{
    [ColumnName("f1")]
    public float F1 { get; set; }

    [ColumnName("f2")]
    public float F2 { get; set; }

    [ColumnName("f3")]
    public float F3 { get; set; }

    [ColumnName("f4")]
    public float F4 { get; set; }

    public float Label { get; set; }
}
