using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

/// <summary>
/// Latency at a fixed offered load, as wrk2 measures it: RATE requests per second spread over CONNECTIONS workers, each
/// sending its share one after another at scheduled times (worker w sends request i at start + (i·CONNECTIONS + w)/RATE).
/// Latency counts from the scheduled time, so a request that starts late because the one before it was slow is charged
/// its wait too (no coordinated omission). In-process (the floor) or over HTTP keep-alive connections (the hub).
/// </summary>
internal static class Paced
{
    public static async Task<int> RunAsync(string? model, string? url, string? key, string? bodyPath, double rate, int connections, double seconds, double warmup)
    {
        Func<Task<bool>> call;
        IDisposable owned;
        if (model is not null)
        {
            var session = Inputs.Session(model);
            owned = session;
            call = () =>
            {
                // On the thread pool, as a server runs a request: the wait for a turn is part of the latency.
                return Task.Run(() =>
                {
                    using var results = session.Run(Inputs.Tensors());
                    return results.Count > 0;
                });
            };
        }
        else if (url is not null && key is not null && bodyPath is not null)
        {
            var body = await File.ReadAllBytesAsync(bodyPath).ConfigureAwait(false);
            var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseCookies = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
            owned = http;
            var target = new Uri(url);
            call = async () =>
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
            await Console.Error.WriteLineAsync("paced needs --model MODEL, or --url URL --key KEY --body FILE").ConfigureAwait(false);
            return 2;
        }

        using (owned)
        {
            await Schedule(call, rate, connections, TimeSpan.FromSeconds(warmup)).ConfigureAwait(false);
            var (latencies, errors, elapsed) = await Schedule(call, rate, connections, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
            latencies.Sort();
            var result = new Dictionary<string, object>
            {
                ["offered_rps"] = rate,
                ["connections"] = connections,
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

    private static async Task<(List<double> Latencies, int Errors, TimeSpan Elapsed)> Schedule(Func<Task<bool>> call, double rate, int connections, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 20; // 50 ms for the workers to get going
        var total = (long)(rate * duration.TotalSeconds);
        var errors = 0;
        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            var mine = new List<double>((int)(total / connections) + 1);
            for (long n = w; n < total; n += connections)
            {
                var due = start + (long)(n * Stopwatch.Frequency / rate);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    // Sleeping only: the timer wakes a worker up to ~1 ms late, which its latency (counted from the due
                    // time) includes on both sides alike. Spinning to the due time instead kept 20 workers busy about
                    // 2 ms in every 10 — four cores' worth of demand on two — and starved the server under test.
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency)).ConfigureAwait(false);
                }

                if (!await call().ConfigureAwait(false))
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add((Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency);
            }

            return mine;
        })).ToArray();
        var all = await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = TimeSpan.FromSeconds((double)(Stopwatch.GetTimestamp() - start) / Stopwatch.Frequency);
        return ([.. all.SelectMany(l => l)], errors, elapsed);
    }
}
