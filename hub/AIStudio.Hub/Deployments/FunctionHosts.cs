using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// The serving processes of C# function versions, one per version: started on the version's first call (or right after
/// it is published), reused by every later call, replaced when it has crashed (the call that finds it gone starts a new
/// one; a 503 when it cannot start), killed when a call is stuck past the timeout, when it has had no call for
/// <see cref="HubOptions.FunctionIdleTimeout"/> (the next call starts it again), when the version stops taking traffic,
/// when its deployment is deleted and when the hub stops. A process loads the version's compiled assembly, kept beside
/// its source (<see cref="FunctionAssemblies"/>); a version without one has it compiled first, once, by a process of its
/// own. Calls are proxied over loopback HTTP with one pooled client, carrying each process's random key.
/// </summary>
public sealed partial class FunctionHosts(FunctionLauncher launcher, FunctionAssemblies assemblies, HubOptions options, ILogger<FunctionHosts> logger) : IHostedService, IAsyncDisposable
{
    public const string KeyHeader = "X-AIStudio-Function-Key";
    public const string StuckHeader = "X-AIStudio-Function-Stuck";

    /// <summary>What a process's <c>/healthz</c> says it did: loaded the kept assembly (<see cref="FromAssembly"/>) or compiled the source.</summary>
    public const string LoadedHeader = "X-AIStudio-Function-Loaded";
    public const string FromAssembly = "assembly";

    /// <summary>How long a new process has to compile the function and answer.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Beyond the function's own timeout (which the process enforces), how long the hub waits for an answer before it kills the process.</summary>
    private static readonly TimeSpan AnswerMargin = TimeSpan.FromSeconds(5);

    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly ConcurrentDictionary<(string Deployment, int Version), Lazy<Task<FunctionProcess>>> _processes = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _sweeper = Task.CompletedTask;
    private int _disposed;

    /// <summary>
    /// Calls the version's function with the request's body and returns the answer's bytes (<c>{"version", "outputs"}</c>);
    /// its refusals (400 naming the field, 500 for an exception in the function, 504 past the timeout) and 503 (no
    /// process could start) as <see cref="HubApiException"/>s with the process's message.
    /// </summary>
    public async Task<byte[]> PredictAsync(string deploymentId, ServedVersion version, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var process = await AcquireAsync(deploymentId, version, cancellationToken).ConfigureAwait(false);
        try
        {
            return await CallAsync(deploymentId, version, process, body, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            process.EndCall();
        }
    }

    private async Task<byte[]> CallAsync(string deploymentId, ServedVersion version, FunctionProcess process, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(process.BaseAddress, "predict")) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(KeyHeader, process.Key);
        request.Headers.Add(DeploymentServer.VersionHeader, version.Number.ToString(CultureInfo.InvariantCulture));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.FunctionTimeout + AnswerMargin);
        try
        {
            using var response = await Http.SendAsync(request, deadline.Token).ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return answer;
            }

            if (response.Headers.Contains(StuckHeader))
            {
                // The call's thread still runs the function and nothing can stop it there: the process goes, the next call gets a new one.
                await DiscardAsync((deploymentId, version.Number), process, "a call ran past the timeout").ConfigureAwait(false);
            }

            var (message, reason) = Error(answer, response);
            throw new HubApiException((int)response.StatusCode, message) { Reason = reason };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await DiscardAsync((deploymentId, version.Number), process, "it did not answer in time").ConfigureAwait(false);
            throw new HubApiException(StatusCodes.Status504GatewayTimeout,
                $"Version {version.Number} did not answer within {options.FunctionTimeout.TotalSeconds:0.###} s; its serving process was replaced.");
        }
        catch (HttpRequestException e)
        {
            await DiscardAsync((deploymentId, version.Number), process, "its connection failed").ConfigureAwait(false);
            throw new HubApiException(StatusCodes.Status503ServiceUnavailable,
                $"Version {version.Number}'s serving process stopped while answering ({Exit(process)}); the next call starts a new one.", e);
        }
    }

    /// <summary>Starts the version's process now (after a publish), so its first call does not wait for the compiler.</summary>
    public void Prewarm(string deploymentId, ServedVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        _ = AcquireAsync(deploymentId, version, CancellationToken.None).AsTask().ContinueWith(
            acquired =>
            {
                if (acquired.IsCompletedSuccessfully)
                {
                    acquired.Result.EndCall(); // not a call: its idle time counts from now
                }
                else
                {
                    LogPrewarmFailed(logger, deploymentId, version.Number, acquired.Exception?.GetBaseException().Message ?? "?");
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The operating system's id of the version's serving process (the outermost one: the sandbox), when it runs.</summary>
    public int? ProcessIdOf(string deploymentId, int version) =>
        _processes.TryGetValue((deploymentId, version), out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && !lazy.Value.Result.HasExited
            ? lazy.Value.Result.ProcessId
            : null;

    /// <summary>Stops the version's process (it no longer takes traffic); a later call to it starts one again.</summary>
    public Task StopAsync(string deploymentId, int version) =>
        _processes.TryRemove((deploymentId, version), out var lazy) ? StopAsync(lazy) : Task.CompletedTask;

    /// <summary>Stops the processes of every version of a deleted deployment.</summary>
    public Task RemoveAsync(string deploymentId) =>
        Task.WhenAll(_processes.Keys.Where(k => k.Deployment == deploymentId).ToArray().Select(k => StopAsync(k.Deployment, k.Version)));

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        if (options.FunctionIdleTimeout > TimeSpan.Zero)
        {
            _sweeper = SweepIdleAsync(options.FunctionIdleTimeout, _stopping.Token);
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops the processes that have had no call for <paramref name="idle"/>, looking a few times per <paramref name="idle"/>.</summary>
    private async Task SweepIdleAsync(TimeSpan idle, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(idle.TotalMilliseconds / 4, 250, 30_000));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var (key, lazy) in _processes)
                {
                    if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && lazy.Value.Result is var process && process.TryRetire(idle))
                    {
                        _processes.TryRemove(new KeyValuePair<(string, int), Lazy<Task<FunctionProcess>>>(key, lazy));
                        LogIdleStopped(logger, key.Deployment, key.Version, idle.TotalSeconds);
                        await process.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The hub is stopping.
        }
    }

    async Task IHostedService.StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _sweeper.ConfigureAwait(false);
        _stopping.Dispose();
        await Task.WhenAll(_processes.Keys.ToArray().Select(k => StopAsync(k.Deployment, k.Version))).ConfigureAwait(false);
    }

    private async ValueTask<FunctionProcess> AcquireAsync(string deploymentId, ServedVersion version, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var key = (deploymentId, version.Number);
        while (true)
        {
            // Started on the thread pool and not cancelled by the caller: the requests waiting for it share it.
            var lazy = _processes.GetOrAdd(key, _ => new Lazy<Task<FunctionProcess>>(() => Task.Run(() => StartAsync(deploymentId, version))));
            FunctionProcess process;
            try
            {
                process = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _processes.TryRemove(new KeyValuePair<(string, int), Lazy<Task<FunctionProcess>>>(key, lazy));
                throw new HubApiException(StatusCodes.Status503ServiceUnavailable,
                    $"Version {version.Number} cannot be served now: its serving process did not start ({e.GetBaseException().Message}). Try again shortly.", e);
            }

            if (!process.TryBeginCall())
            {
                // Stopped for idleness a moment ago: start another.
                _processes.TryRemove(new KeyValuePair<(string, int), Lazy<Task<FunctionProcess>>>(key, lazy));
                continue;
            }

            if (!process.HasExited)
            {
                return process;
            }

            process.EndCall();

            // It crashed (or was killed) since the last call: replace it.
            LogCrashed(logger, deploymentId, version.Number, process.Process.ExitCode);
            await DiscardAsync(key, process, "it had exited").ConfigureAwait(false);
        }
    }

    private async Task<FunctionProcess> StartAsync(string deploymentId, ServedVersion version)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var compiled = assemblies.Find(version.ModelPath) ?? await CompileAsync(deploymentId, version).ConfigureAwait(false);
        var process = await launcher.StartServingAsync(version.ModelPath, compiled, CancellationToken.None).ConfigureAwait(false);
        string? loaded;
        try
        {
            loaded = await WaitReadyAsync(process).ConfigureAwait(false);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (compiled is not null && loaded != FromAssembly)
        {
            // Not its compiler's (the host or the runtime changed since): it compiled the source; the next start keeps a new one.
            assemblies.Discard(version.ModelPath);
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogStarted(logger, deploymentId, version.Number, process.ProcessId ?? 0, elapsed,
            loaded == FromAssembly ? "loaded its compiled assembly" : "compiled its source");
        return process;
    }

    /// <summary>
    /// Compiles the version's source into an assembly and keeps it; null (logged) when that failed, and the serving process
    /// then compiles the source itself, as it would without any kept assembly.
    /// </summary>
    private async Task<(string Assembly, string Info)?> CompileAsync(string deploymentId, ServedVersion version)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var (assembly, info) = await launcher.CompileAsync(version.ModelPath, CancellationToken.None).ConfigureAwait(false);
            if (!assemblies.Keep(version.ModelPath, assembly, info))
            {
                return null;
            }

            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogCompiled(logger, deploymentId, version.Number, elapsed);
            return assemblies.Find(version.ModelPath);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            LogNotCompiled(logger, deploymentId, version.Number, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Polls <c>/healthz</c> until the process answers (it has loaded or compiled the function), exits or runs out of
    /// time; what its answer says in <see cref="LoadedHeader"/>.
    /// </summary>
    private static async Task<string?> WaitReadyAsync(FunctionProcess process)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"it exited ({Exit(process)}): {string.Join(" | ", process.Process.RecentOutput.TakeLast(8))}");
            }

            try
            {
                using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(process.BaseAddress, "healthz"));
                probe.Headers.Add(KeyHeader, process.Key);
                using var response = await Http.SendAsync(probe, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return response.Headers.TryGetValues(LoadedHeader, out var loaded) ? loaded.FirstOrDefault() : null;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"it did not answer within {StartTimeout.TotalSeconds:0} s");
            }

            try
            {
                await Task.WhenAny(process.Process.Exited, Task.Delay(delay, timeout.Token)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"it did not answer within {StartTimeout.TotalSeconds:0} s");
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 250));
        }
    }

    private async Task DiscardAsync((string, int) key, FunctionProcess process, string why)
    {
        if (_processes.TryGetValue(key, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && ReferenceEquals(lazy.Value.Result, process))
        {
            _processes.TryRemove(new KeyValuePair<(string, int), Lazy<Task<FunctionProcess>>>(key, lazy));
        }

        LogDiscarded(logger, key.Item1, key.Item2, why);
        await process.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task StopAsync(Lazy<Task<FunctionProcess>> lazy)
    {
        if (!lazy.IsValueCreated)
        {
            return;
        }

        try
        {
            var process = await lazy.Value.ConfigureAwait(false);
            await process.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // It never started: nothing to stop.
        }
    }

    private static string Exit(FunctionProcess process) =>
        process.Process.ExitCode is { } code ? $"exit code {code.ToString(CultureInfo.InvariantCulture)}" : "no exit code";

    private static (string Message, string? Reason) Error(byte[] answer, HttpResponseMessage response)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { } text)
            {
                return (text, json.RootElement.TryGetProperty("reason", out var reason) ? reason.GetString() : null);
            }
        }
        catch (JsonException)
        {
        }

        return ($"The function's serving process answered {(int)response.StatusCode} {response.ReasonPhrase}.", null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} version {Version}: function serving process {ProcessId} ready in {Milliseconds:0} ms ({How}).")]
    private static partial void LogStarted(ILogger logger, string deployment, int version, int processId, double milliseconds, string how);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} version {Version}: function compiled and kept in {Milliseconds:0} ms.")]
    private static partial void LogCompiled(ILogger logger, string deployment, int version, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment {Deployment} version {Version}: the function could not be compiled ahead of its serving process, which compiles it itself: {Reason}")]
    private static partial void LogNotCompiled(ILogger logger, string deployment, int version, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment {Deployment} version {Version}: the function's serving process had exited (code {ExitCode}); starting another.")]
    private static partial void LogCrashed(ILogger logger, string deployment, int version, int? exitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} version {Version}: function serving process stopped: {Why}.")]
    private static partial void LogDiscarded(ILogger logger, string deployment, int version, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} version {Version}: function serving process stopped after no call for {Seconds} s; the next call starts it again.")]
    private static partial void LogIdleStopped(ILogger logger, string deployment, int version, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment {Deployment} version {Version}: the function's serving process did not start ahead of its first call: {Reason}")]
    private static partial void LogPrewarmFailed(ILogger logger, string deployment, int version, string reason);
}
