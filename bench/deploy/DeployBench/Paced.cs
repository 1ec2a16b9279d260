using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

/// <summary>
/// Latency at a fixed offered load, as wrk2 measures it: RATE requests per second spread over CONNECTIONS workers, each
/// sending its share one after another at scheduled times (worker w sends request i at start + (i·CONNECTIONS + w)/RATE).
/// Latency counts from the scheduled time, so a request that starts late because the one before it was slow is charged
/// its wait too (no coordinated omission). In-process (the floor) or over HTTP keep-alive connections (the hub): by
/// default one <see cref="RawHttpConnection"/> per worker, as wrk2 sends (a prepared request, nothing allocated per call),
/// or with <c>--client httpclient</c> through .NET's HttpClient.
/// </summary>
internal static class Paced
{
    public static async Task<int> RunAsync(string? model, string? url, string? key, string? bodyPath, string client, string? samplesPath, double rate, int connections, double seconds, double warmup)
    {
        Func<int, Task<bool>> call;
        IDisposable owned;
        if (model is not null)
        {
            var session = Inputs.Session(model);
            owned = session;
            call = _ =>
            {
                // On the thread pool, as a server runs a request: the wait for a turn is part of the latency.
                return Task.Run(() =>
                {
                    using var results = session.Run(Inputs.Tensors());
                    return results.Count > 0;
                });
            };
        }
        else if (url is not null && key is not null && bodyPath is not null && client == "raw")
        {
            // One connection per worker, wrk's way (RawHttpConnection): the default.
            var body = await File.ReadAllBytesAsync(bodyPath).ConfigureAwait(false);
            var target = new Uri(url);
            var opened = await Task.WhenAll(Enumerable.Range(0, connections)
                .Select(_ => RawHttpConnection.OpenAsync(target, "Bearer " + key, "application/json", body))).ConfigureAwait(false);
            owned = new Disposables(opened);
            call = worker => opened[worker].SendAsync();
        }
        else if (url is not null && key is not null && bodyPath is not null && client == "httpclient")
        {
            // .NET's HttpClient, as a .NET caller would send: its own cost (and garbage) on the same two cores counts too.
            var body = await File.ReadAllBytesAsync(bodyPath).ConfigureAwait(false);
            var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseCookies = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
            owned = http;
            var target = new Uri(url);
            call = async _ =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                using var response = await http.SendAsync(request).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                return response.IsSuccessStatusCode;
            };
        }
        else
        {
            await Console.Error.WriteLineAsync("paced needs --model MODEL, or --url URL --key KEY --body FILE [--client raw|httpclient]").ConfigureAwait(false);
            return 2;
        }

        using (owned)
        {
            await Schedule(call, rate, connections, TimeSpan.FromSeconds(warmup)).ConfigureAwait(false);
            var (samples, errors, elapsed) = await Schedule(call, rate, connections, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
            if (samplesPath is not null)
            {
                // Every request in the order it was due: when the slow ones came (in bursts, at a period) tells what made them.
                await File.WriteAllLinesAsync(samplesPath, ["due_s,latency_ms", .. samples.OrderBy(x => x.Due)
                    .Select(x => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{x.Due:F6},{x.Latency:F3}"))]).ConfigureAwait(false);
            }

            var latencies = samples.Select(x => x.Latency).ToList();
            latencies.Sort();
            var result = new Dictionary<string, object>
            {
                ["offered_rps"] = rate,
                ["connections"] = connections,
                ["client"] = model is null ? client : "in-process",
                ["seconds"] = elapsed.TotalSeconds,
                ["requests"] = latencies.Count,
                ["errors"] = errors,
                ["achieved_rps"] = latencies.Count / elapsed.TotalSeconds,
                ["p50_ms"] = Stats.Percentile(latencies, 50),
                ["p95_ms"] = Stats.Percentile(latencies, 95),
                ["p99_ms"] = Stats.Percentile(latencies, 99),
                ["max_ms"] = latencies.Count > 0 ? latencies[^1] : double.NaN,
            };
            Console.WriteLine(JsonSerializer.Serialize(result));
        }

        return 0;
    }

    private static async Task<(List<(double Due, double Latency)> Samples, int Errors, TimeSpan Elapsed)> Schedule(Func<int, Task<bool>> call, double rate, int connections, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 20; // 50 ms for the workers to get going
        var total = (long)(rate * duration.TotalSeconds);
        long Due(long n) => start + (long)(n * Stopwatch.Frequency / rate);
        var errors = 0;
        var gates = Enumerable.Range(0, connections).Select(_ => new Gate()).ToArray();
        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            var mine = new List<(double Due, double Latency)>((int)(total / connections) + 1);
            for (long n = w; n < total; n += connections)
            {
                await gates[w].WaitAsync().ConfigureAwait(false);
                var due = Due(n);
                if (!await call(w).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(((double)(due - start) / Stopwatch.Frequency, (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency));
            }

            return mine;
        })).ToArray();

        // One pacer thread sleeps to each request's due time with the kernel's high-resolution timer and lets the worker
        // whose turn it is go. Sleeping only: spinning to the due times (tried) kept the load generator busy enough to
        // starve the server under test on two cores; .NET's timers (tried: each worker awaiting Task.Delay) woke 1–3 ms
        // late, more than the latency under measurement.
        var pacer = new Thread(() =>
        {
            for (long n = 0; n < total; n++)
            {
                PreciseSleep.Until(Due(n));
                gates[n % connections].Release();
            }
        }) { IsBackground = true, Name = "pacer" };
        pacer.Start();
        // Off the pacer's thread: the last worker may finish on it (a worker's turn runs there up to its first wait), and
        // what follows must not run there. The pacer is done by then: every worker's last turn was its last release.
        var all = await Task.WhenAll(workers).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        var elapsed = TimeSpan.FromSeconds((double)(Stopwatch.GetTimestamp() - start) / Stopwatch.Frequency);
        return ([.. all.SelectMany(l => l)], errors, elapsed);
    }

    private sealed class Disposables(IEnumerable<IDisposable> items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }
}
