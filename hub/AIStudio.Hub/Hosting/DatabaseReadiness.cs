using AIStudio.Hub.Accounts;

namespace AIStudio.Hub.Hosting;

/// <summary>
/// Holds each request until the database is migrated and seeded (<see cref="HubSeeder.Completion"/>), which runs while
/// the hub starts; answers 503 naming the cause when that failed (the hub then stops, exit code 1).
/// </summary>
public sealed partial class DatabaseReadiness(RequestDelegate next, HubSeeder seeder)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var seeding = seeder.Completion;
        if (!seeding.IsCompletedSuccessfully)
        {
            try
            {
                await seeding.WaitAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await ApiError.Result(StatusCodes.Status503ServiceUnavailable, $"The hub's database could not be prepared: {e.Message}", "Service Unavailable")
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>Logs why the database could not be prepared and stops the hub with exit code 1.</summary>
    public static void StopHub(WebApplication app, Exception error)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILogger<DatabaseReadiness>>();
        LogSeedingFailed(logger, error);
        Environment.ExitCode = 1;
        app.Lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The hub's database could not be migrated and seeded; the hub stops.")]
    private static partial void LogSeedingFailed(ILogger logger, Exception error);
}
