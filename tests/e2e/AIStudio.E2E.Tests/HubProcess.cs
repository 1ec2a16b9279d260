using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using AIStudio.TestKit;

namespace AIStudio.E2E.Tests;

/// <summary>
/// The hub as people run it: its own process, started from its build output (hub/AIStudio.Hub/bin/&lt;Configuration&gt;)
/// on a free loopback port with a fresh data directory, stopped (with its kernels) when the tests end.
/// </summary>
public sealed class HubProcess : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new("aistudio-e2e");
    private readonly List<string> _output = [];
    private Process? _process;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The administrator's API token (AISTUDIO_ADMIN_TOKEN).</summary>
    public string AdminToken { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    /// <summary>What the hub printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(80));
            }
        }
    }

    public async Task InitializeAsync()
    {
        var hubDll = Path.Combine(RepositoryLayout.RootDirectory, "hub", "AIStudio.Hub", "bin", RepositoryLayout.Configuration, "net10.0", "AIStudio.Hub.dll");
        if (!File.Exists(hubDll) || !File.Exists(Path.Combine(Path.GetDirectoryName(hubDll)!, "wwwroot", "build", "notebook.js")))
        {
            throw new FileNotFoundException($"The hub and its notebook bundle are not built: {hubDll} (and wwwroot/build/notebook.js beside it). Build hub/AIStudio.Hub -c {RepositoryLayout.Configuration}.", hubDll);
        }

        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(RepositoryLayout.DotnetHost)
        {
            WorkingDirectory = _data.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { hubDll, "--urls", BaseAddress.ToString().TrimEnd('/'), "--Hub:WarmKernels=0", "--Hub:Gpus=1" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AISTUDIO_DATA_DIR"] = Path.Combine(_data.Path, "data");
        start.Environment["AISTUDIO_ADMIN_TOKEN"] = AdminToken;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__AIStudio"] = "Information";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The hub exited ({_process.ExitCode}) before answering:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("api");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (waited.Elapsed > Timeouts.Ready)
            {
                throw new TimeoutException($"The hub did not answer GET /api within {Timeouts.Ready.TotalSeconds} s:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>A new user (Free plan) made by the administrator; returns an API token of theirs.</summary>
    public async Task<string> NewUserAsync(string name)
    {
        using var admin = Client(AdminToken);
        (await admin.PostAsJsonAsync($"hub/api/users/{name}", new { })).EnsureSuccessStatusCode();
        using var response = await admin.PostAsJsonAsync($"hub/api/users/{name}/tokens", new { note = "e2e" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Saves a notebook with these cells through the contents API, as the token's user.</summary>
    public async Task SaveNotebookAsync(string token, string path, object[] cells)
    {
        using var user = Client(token);
        (await user.PutAsJsonAsync($"api/contents/{path}", new
        {
            type = "notebook",
            content = new { cells, metadata = new { }, nbformat = 4, nbformat_minor = 5 },
        })).EnsureSuccessStatusCode();
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // A graceful stop: the hub stops its kernels.
            PosixKill(_process.Id, 15);
            using var timeout = new CancellationTokenSource(Timeouts.Exit);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process?.Dispose();
        _data.Dispose();
        lock (_output)
        {
            // Kept for a failure's post-mortem (the test command prints its end when a browser test fails).
            File.WriteAllLines(Path.Combine(Browser.Screenshots, "hub.log"), _output);
        }
    }

    public void Dispose()
    {
        _process?.Dispose();
        _data.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void PosixKill(int pid, int signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
