using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Tokens;
using AIStudio.Serving;
using Microsoft.ML.OnnxRuntime;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// Serves predictions: finds the deployment, checks the caller (a key of the deployment with the <c>predict</c> scope, or
/// its owner's unrestricted hub token), applies the plan's rate limit, picks a version by the traffic split (or the one
/// asked for), reads the inputs against the version's schema and runs its ONNX Runtime session — or, for a C# function,
/// hands the request to the version's sandboxed serving process (<see cref="FunctionHosts"/>) — and records the metrics.
/// </summary>
public sealed partial class DeploymentServer(DeploymentCatalog catalog, DeploymentSessions sessions, FunctionHosts functions, DeploymentMetrics metrics,
    DeploymentRateLimiter limiter, ILogger<DeploymentServer> logger)
{
    public const string VersionHeader = "X-AIStudio-Deployment-Version";

    public async Task<IResult> PredictAsync(HttpContext context, string owner, string name, int? version)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        var cancellationToken = context.RequestAborted;
        var deployment = await Require(owner, name, cancellationToken).ConfigureAwait(false);
        if (await RefuseAsync(context, deployment, started).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var chosen = version is { } asked
            ? deployment.Version(asked) ?? throw NotFound($"'{owner}/{name}' has no version {asked}: it has {string.Join(", ", deployment.Versions.Select(v => v.Number))}.")
            : TrafficSplit.Pick(deployment.Split, Random.Shared.Next(100)) is { } picked
                ? deployment.Version(picked)!
                : throw new HubApiException(StatusCodes.Status503ServiceUnavailable, $"No version of '{owner}/{name}' takes traffic: set a split (PUT /hub/api/deployments/{name}/traffic).");
        context.Response.Headers[VersionHeader] = chosen.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            if (chosen.Kind == DeploymentKinds.Function)
            {
                var body = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
                var computed = await functions.PredictAsync(deployment.Id, chosen, body, cancellationToken).ConfigureAwait(false);
                metrics.Record(deployment, chosen.Number, StatusCodes.Status200OK, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return Results.Bytes(computed, "application/json");
            }

            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(context.Request.Body, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, $"The body is not JSON: {e.Message} Send {{\"inputs\": {{\"name\": [values…]}}}}.", e);
            }

            byte[] answer;
            ModelInputs inputs;
            using (document)
            {
                try
                {
                    inputs = PredictionInputs.Read(document.RootElement, chosen.Schema);
                }
                catch (PredictionInputException e)
                {
                    throw new HubApiException(StatusCodes.Status400BadRequest, e.Message, e);
                }
            }

            using (inputs)
            {
                var model = sessions.Acquire(deployment.Id, chosen);
                try
                {
                    var outputs = model.Session.OutputNames;
                    using var results = model.Session.Run(model.RunOptions, inputs.Names, inputs.Values, outputs);
                    answer = PredictionOutputs.Write(chosen.Number, outputs, results);
                }
                catch (OnnxRuntimeException e)
                {
                    throw new HubApiException(StatusCodes.Status400BadRequest, $"The model refused the inputs: {e.Message}", e);
                }
                finally
                {
                    model.Release();
                }
            }

            metrics.Record(deployment, chosen.Number, StatusCodes.Status200OK, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return Results.Bytes(answer, "application/json");
        }
        catch (HubApiException e)
        {
            metrics.Record(deployment, chosen.Number, e.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            LogBadRequest(logger, owner, name, chosen.Number, e.StatusCode, e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.Record(deployment, chosen.Number, StatusCodes.Status500InternalServerError, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    /// <summary>The OpenAPI document of the deployment's predict endpoints (for its callers: the same credentials as predict).</summary>
    public async Task<IResult> OpenApiAsync(HttpContext context, string owner, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        var deployment = await Require(owner, name, context.RequestAborted).ConfigureAwait(false);
        if (!await AuthorizedAsync(context, deployment).ConfigureAwait(false))
        {
            return Unauthorized(context, deployment, "Unauthorized: send a key of this deployment (Authorization: Bearer aisd_…) or its owner's API token.");
        }

        return Results.Text(DeploymentOpenApi.Document(context.Request, deployment), "application/json");
    }

    /// <summary>The request's body as it came (the function's process reads it); Kestrel's request size limit applies.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private async ValueTask<ServedDeployment> Require(string owner, string name, CancellationToken cancellationToken) =>
        await catalog.FindAsync(owner, name, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound($"No deployment '{owner}/{name}'.");

    /// <summary>A 401 or 429 answer when the request may not go on, else null.</summary>
    private async ValueTask<IResult?> RefuseAsync(HttpContext context, ServedDeployment deployment, long started)
    {
        if (!await AuthorizedAsync(context, deployment).ConfigureAwait(false))
        {
            metrics.Record(deployment, null, StatusCodes.Status401Unauthorized, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return Unauthorized(context, deployment, "Unauthorized: send a key of this deployment with the 'predict' scope (Authorization: Bearer aisd_…) or its owner's API token.");
        }

        if (!limiter.TryTake(deployment.Id, deployment.RequestsPerMinute, out var retryAfter))
        {
            metrics.Record(deployment, null, StatusCodes.Status429TooManyRequests, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            LogRateLimited(logger, deployment.OwnerName, deployment.Name, deployment.RequestsPerMinute ?? 0, retryAfter);
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiError.Result(StatusCodes.Status429TooManyRequests,
                $"Rate limit of '{deployment.OwnerName}/{deployment.Name}' reached: {deployment.RequestsPerMinute} requests a minute on its owner's plan. Retry in {retryAfter} s, or move to a larger plan.",
                "Too Many Requests");
        }

        return null;
    }

    private async ValueTask<bool> AuthorizedAsync(HttpContext context, ServedDeployment deployment)
    {
        var token = TokenAuthenticationHandler.ReadToken(context.Request);
        if (DeploymentKeys.IsKey(token))
        {
            return await catalog.CheckKeyAsync(deployment.Id, token!, DeploymentKeys.Predict, context.RequestAborted).ConfigureAwait(false);
        }

        // The owner's own hub credentials (already checked by the hub's authentication), when not limited to some scopes.
        var user = context.User;
        return user.Identity?.IsAuthenticated == true
            && user.FindFirstValue(ClaimTypes.NameIdentifier) == deployment.OwnerId
            && user.FindFirst(HubClaims.TokenScopes) is null;
    }

    private IResult Unauthorized(HttpContext context, ServedDeployment deployment, string message)
    {
        var sent = context.Request.Headers.Authorization.Count > 0 || context.Request.Query.ContainsKey("token");
        context.Response.Headers.WWWAuthenticate = sent
            ? "Bearer realm=\"aistudio-deployments\", error=\"invalid_token\""
            : "Bearer realm=\"aistudio-deployments\"";
        LogUnauthorized(logger, deployment.OwnerName, deployment.Name, sent ? "a wrong, revoked or restricted credential" : "no credential",
            context.Connection.RemoteIpAddress?.ToString() ?? "?");
        return ApiError.Result(StatusCodes.Status401Unauthorized, message, "Unauthorized");
    }

    private static HubApiException NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Predict on {Owner}/{Deployment} refused (401): {What} from {Address}.")]
    private static partial void LogUnauthorized(ILogger logger, string owner, string deployment, string what, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Predict on {Owner}/{Deployment} refused (429): {Limit} requests a minute; retry after {RetryAfter} s.")]
    private static partial void LogRateLimited(ILogger logger, string owner, string deployment, int limit, int retryAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Predict on {Owner}/{Deployment} v{Version} refused ({StatusCode}): {Detail}")]
    private static partial void LogBadRequest(ILogger logger, string owner, string deployment, int version, int statusCode, string detail);
}
