using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AIStudio.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AIStudio.FunctionHost;

/// <summary>
/// Serves one compiled function to the hub over HTTP (Kestrel, on the connection's loopback port or Unix socket), only to
/// requests carrying the process's key in <see cref="KeyHeader"/>: <c>POST /predict</c> (the hub's request body; the
/// version to name in the answer in <see cref="VersionHeader"/>), <c>GET /schema</c>, <c>GET /healthz</c> (which says in
/// <see cref="LoadedHeader"/> whether the function came from its kept assembly or was compiled). A bad body is a
/// 400 naming the field; an exception thrown by the function a 500 naming it; a call past the timeout a 504, marked
/// with <see cref="StuckHeader"/> when the function is still running (it cannot be stopped from outside its thread: the
/// hub then replaces this process).
/// </summary>
public static class FunctionServer
{
    public const string KeyHeader = "X-AIStudio-Function-Key";
    public const string VersionHeader = "X-AIStudio-Deployment-Version";
    public const string StuckHeader = "X-AIStudio-Function-Stuck";

    /// <summary>On <c>/healthz</c>'s answer: whether the function was loaded <see cref="FromAssembly"/> or compiled <see cref="FromSource"/>.</summary>
    public const string LoadedHeader = "X-AIStudio-Function-Loaded";
    public const string FromAssembly = "assembly";
    public const string FromSource = "source";

    /// <summary>How long a timed-out call has to notice its cancellation before it counts as stuck.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(250);

    /// <summary>Serves until the process is stopped; <paramref name="origin"/> (<see cref="FromAssembly"/> or <see cref="FromSource"/>) is what <c>/healthz</c> says.</summary>
    public static async Task RunAsync(CompiledFunction function, HostConnection connection, TimeSpan timeout, string origin)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(connection);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (connection.UnixSocket is { } socket)
            {
                if (File.Exists(socket))
                {
                    File.Delete(socket);
                }

                kestrel.ListenUnixSocket(socket);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(connection.IP), connection.Port);
            }
        });
        await using var app = builder.Build();
        var key = Encoding.UTF8.GetBytes(connection.Key);
        var schema = FunctionSchema.Of(function).GetRawText();
        app.Use(async (context, next) =>
        {
            var sent = Encoding.UTF8.GetBytes(context.Request.Headers[KeyHeader].ToString());
            if (!CryptographicOperations.FixedTimeEquals(sent, key))
            {
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized: this process answers its hub only.", "Unauthorized").ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.MapGet("/healthz", (HttpContext context) =>
        {
            context.Response.Headers[LoadedHeader] = origin;
            return Results.Text("ok");
        });
        app.MapGet("/schema", () => Results.Text(schema, "application/json"));
        app.MapPost("/predict", (HttpContext context) => PredictAsync(context, function, timeout));
        Console.WriteLine($"Serving {function.Signature} on {connection.UnixSocket ?? $"{connection.IP}:{connection.Port}"}.");
        await app.RunAsync().ConfigureAwait(false);
    }

    private static async Task PredictAsync(HttpContext context, CompiledFunction function, TimeSpan timeout)
    {
        var version = int.TryParse(context.Request.Headers[VersionHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        IReadOnlyList<object?> inputs;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
            inputs = FunctionInputs.Read(document.RootElement, function);
        }
        catch (JsonException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"The body is not JSON: {e.Message} Send {{\"inputs\": {{\"name\": [values…]}}}}.", "Bad Request").ConfigureAwait(false);
            return;
        }
        catch (PredictionInputException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, e.Message, "Bad Request").ConfigureAwait(false);
            return;
        }

        using var deadline = new CancellationTokenSource(timeout);
        var row = 0;
        var work = Task.Run(async () =>
        {
            var results = new object?[inputs.Count];
            for (; row < inputs.Count; row++)
            {
                results[row] = await function.InvokeAsync(inputs[row], deadline.Token).ConfigureAwait(false);
            }

            return results;
        }, CancellationToken.None);

        object?[] outputs;
        try
        {
            outputs = await work.WaitAsync(timeout, context.RequestAborted).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var stopped = await Task.WhenAny(work, Task.Delay(Grace, CancellationToken.None)).ConfigureAwait(false) == work;
            if (!stopped)
            {
                context.Response.Headers[StuckHeader] = "true";
            }

            await WriteErrorAsync(context, StatusCodes.Status504GatewayTimeout,
                $"Predict did not finish within {timeout.TotalSeconds:0.###} s (the deployment's limit per call){(stopped ? "" : "; it was stopped")}.", "Function Timeout").ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            await WriteErrorAsync(context, StatusCodes.Status504GatewayTimeout,
                $"Predict did not finish within {timeout.TotalSeconds:0.###} s (the deployment's limit per call).", "Function Timeout").ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError,
                $"Predict threw {e.GetType().Name} on row {row.ToString(CultureInfo.InvariantCulture)}: {e.Message}", "Function Error").ConfigureAwait(false);
            return;
        }

        byte[] answer;
        try
        {
            answer = FunctionOutputs.Write(version, function, outputs);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, $"Predict's answer cannot be written as JSON: {e.Message}", "Function Error").ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string message, string reason)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>(StringComparer.Ordinal) { ["message"] = message, ["reason"] = reason });
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
