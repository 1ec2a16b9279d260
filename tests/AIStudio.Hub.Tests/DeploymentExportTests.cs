using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AIStudio.Extensions.Deploy.Export;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>
/// <c>#!deploy --export</c>'s C# side: the exported folder builds on its own with <c>dotnet build</c> (outside this
/// repository, so none of its settings help), the built server answers as ONNX Runtime in this process does, refuses a
/// malformed body with a 400 naming the field, asks for the key when one is set, counts its calls in Prometheus' format;
/// the Kubernetes manifest and Dockerfile name the built assembly. Bad exports leave nothing behind.
/// </summary>
public sealed partial class DeploymentExportTests(ITestOutputHelper output)
{
    private static readonly float[] X1 = [1, 2, 3];
    private static readonly float[] X2 = [0.5f, 1.5f, 2.5f];

    [Fact]
    public async Task An_exported_server_builds_on_its_own_and_answers_as_the_model_does()
    {
        using var temp = new TempDirectory("aistudio-export-test");
        var model = OnnxTestModels.Regression(slope: 2);
        var modelPath = temp.Combine("house.onnx");
        await File.WriteAllBytesAsync(modelPath, model);
        var target = temp.Combine("server");

        var server = DeploymentExport.Write("house-prices", modelPath, target, version: 3, owner: "ada");

        Assert.Equal("HousePricesServer", server.Project);
        Assert.Equal(Path.GetFullPath(target), server.Directory);
        foreach (var file in new[] { "HousePricesServer.csproj", "Program.cs", "Metrics.cs", "Dockerfile", ".dockerignore", "README.md", "model.onnx", "Directory.Build.props", "Directory.Packages.props", Path.Combine("k8s", "house-prices.yaml"), Path.Combine("Serving", "PredictionInputs.cs"), Path.Combine("Serving", "PredictionOutputs.cs"), Path.Combine("Serving", "DeploymentSchema.cs") })
        {
            Assert.Contains(file, server.Files);
            Assert.True(File.Exists(Path.Combine(target, file)), file);
        }

        Assert.Equal(model, await File.ReadAllBytesAsync(Path.Combine(target, "model.onnx")));
        Assert.DoesNotMatch(@"\{\{[A-Z_]+\}\}", string.Concat(server.Files.Where(f => f != "model.onnx").Select(f => File.ReadAllText(Path.Combine(target, f)))));
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(target, "Dockerfile"));
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"HousePricesServer.dll\"]", dockerfile, StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", dockerfile, StringComparison.Ordinal);
        var manifest = await File.ReadAllTextAsync(Path.Combine(target, "k8s", "house-prices.yaml"));
        Assert.Equal(["Deployment", "Service"], KindPattern().Matches(manifest).Select(m => m.Groups[1].Value));
        Assert.Contains("readOnlyRootFilesystem: true", manifest, StringComparison.Ordinal);
        Assert.Contains("path: /healthz", manifest, StringComparison.Ordinal);
        Assert.Contains("image: house-prices:3", manifest, StringComparison.Ordinal);

        // Built where no Directory.Build.props or central package versions of this repository reach it.
        using var timeout = Timeouts.After(TimeSpan.FromMinutes(5));
        var build = await RunAsync("dotnet", ["build", target, "-c", "Release", "-nologo", "-v", "q"], target, [], timeout.Token);
        Assert.True(build.ExitCode == 0, build.Output);
        var dll = Path.Combine(target, "bin", "Release", "net10.0", "HousePricesServer.dll");
        Assert.True(File.Exists(dll), build.Output);

        const string key = "export-test-key-0123456789";
        using var process = Start(dll, target, new Dictionary<string, string> { ["DEPLOYMENT_API_KEY"] = key });
        try
        {
            var address = await ListeningAddressAsync(process, timeout.Token);
            using var http = new HttpClient { BaseAddress = address };
            Assert.Equal("ok", await http.GetStringAsync(new Uri("healthz", UriKind.Relative), timeout.Token));
            var schema = JsonDocument.Parse(await http.GetStringAsync(new Uri("schema", UriKind.Relative), timeout.Token)).RootElement;
            Assert.Equal(["Label", "x1", "x2"], schema.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
            var score = schema.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()!).Single(n => n.StartsWith("Score", StringComparison.Ordinal));
            var body = new { inputs = new Dictionary<string, float[]> { ["x1"] = X1, ["x2"] = X2, ["Label"] = [0, 0, 0] } };

            using (var anonymous = await http.PostAsJsonAsync(new Uri("predict", UriKind.Relative), body, timeout.Token))
            {
                Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{anonymous.StatusCode}: {await anonymous.Content.ReadAsStringAsync(timeout.Token)} {string.Join(", ", anonymous.Headers.Select(h => h.Key))}");
            }

            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var expected = OnnxTestModels.Run(model, X1, X2, score);
            foreach (var route in new[] { "predict", "deployments/ada/house-prices/predict", "deployments/ada/house-prices/v3/predict" })
            {
                using var answer = await http.PostAsJsonAsync(new Uri(route, UriKind.Relative), body, timeout.Token);
                var text = await answer.Content.ReadAsStringAsync(timeout.Token);
                Assert.True(answer.StatusCode == HttpStatusCode.OK, text);
                var json = JsonDocument.Parse(text).RootElement;
                Assert.Equal(3, json.GetProperty("version").GetInt32());
                Assert.Equal(expected, json.GetProperty("outputs").GetProperty(score).EnumerateArray().Select(v => v.GetSingle()));
            }

            var ragged = new { inputs = new Dictionary<string, object> { ["x1"] = X1, ["x2"] = new object[] { 1, "two", 3 }, ["Label"] = new float[3] } };
            using (var bad = await http.PostAsJsonAsync(new Uri("predict", UriKind.Relative), ragged, timeout.Token))
            {
                Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
                var message = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(timeout.Token)).RootElement.GetProperty("message").GetString();
                Assert.Contains("inputs.x2[1]", message, StringComparison.Ordinal);
            }

            var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), timeout.Token);
            Assert.Contains("aistudio_deployment_requests_total{owner=\"ada\",deployment=\"house-prices\",version=\"3\",status=\"200\"} 3", metrics, StringComparison.Ordinal);
            Assert.Contains("aistudio_deployment_requests_total{owner=\"ada\",deployment=\"house-prices\",version=\"3\",status=\"400\"} 1", metrics, StringComparison.Ordinal);
            Assert.Contains("aistudio_deployment_requests_total{owner=\"ada\",deployment=\"house-prices\",version=\"3\",status=\"401\"} 1", metrics, StringComparison.Ordinal);
            Assert.Contains("aistudio_deployment_request_duration_seconds_count{owner=\"ada\",deployment=\"house-prices\",version=\"3\"} 5", metrics, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            output.WriteLine(process.StandardError.ReadToEnd());
        }
    }

    [Fact]
    public async Task A_bad_export_is_refused_with_why_and_leaves_nothing_behind()
    {
        using var temp = new TempDirectory("aistudio-export-test");
        var modelPath = temp.Combine("model.onnx");
        await File.WriteAllBytesAsync(modelPath, OnnxTestModels.Regression(slope: 1));

        var notModel = temp.Combine("not-a-model.onnx");
        await File.WriteAllTextAsync(notModel, "not a model");
        var refused = Assert.Throws<InvalidDataException>(() => DeploymentExport.Write("prices", notModel, temp.Combine("a")));
        Assert.Contains("not a model ONNX Runtime can load", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("a")));

        var badName = Assert.Throws<ArgumentException>(() => DeploymentExport.Write("House Prices", modelPath, temp.Combine("b")));
        Assert.Contains("not a deployment name", badName.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => DeploymentExport.Write("prices", temp.Combine("missing.onnx"), temp.Combine("c")));

        // A folder with something in it is not written into: what is there stays as it was.
        var occupied = temp.Combine("occupied");
        Directory.CreateDirectory(occupied);
        await File.WriteAllTextAsync(Path.Combine(occupied, "Program.cs"), "// mine");
        var full = Assert.Throws<IOException>(() => DeploymentExport.Write("prices", modelPath, occupied));
        Assert.Contains("is not empty", full.Message, StringComparison.Ordinal);
        Assert.Equal(["Program.cs"], Directory.EnumerateFileSystemEntries(occupied).Select(Path.GetFileName));
        Assert.Equal("// mine", await File.ReadAllTextAsync(Path.Combine(occupied, "Program.cs")));

        // Nothing staged is left beside the targets.
        Assert.Equal(["model.onnx", "not-a-model.onnx", "occupied"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static Process Start(string dll, string directory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    /// <summary>The address Kestrel reports ("Now listening on: http://127.0.0.1:PORT") when bound to port 0.</summary>
    private static async Task<Uri> ListeningAddressAsync(Process process, CancellationToken cancellationToken)
    {
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (ListeningPattern().Match(line) is { Success: true } match)
            {
                // Keep reading, so that a full pipe never blocks the server's logging.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new Uri(match.Groups[1].Value + "/");
            }
        }

        throw new InvalidOperationException($"The exported server exited (code {process.ExitCode}) before it listened: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, string directory, Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"(?m)^kind: (\w+)$")]
    private static partial Regex KindPattern();

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningPattern();
}
