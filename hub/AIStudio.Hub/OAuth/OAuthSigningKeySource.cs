using Microsoft.IdentityModel.Tokens;

namespace AIStudio.Hub.OAuth;

/// <summary>
/// The authorization server's signing key (<see cref="OAuthKeys.SigningKey"/>), read or made beside the hub's start: a first
/// start makes a P-256 key. The server's options await it when first read; a key file that cannot
/// be read stops the hub, naming the file, as it did when the key was read before the start.
/// </summary>
public sealed partial class OAuthSigningKeySource(string keysDirectory)
{
    /// <summary>The key, being read or made from the moment this source exists.</summary>
    public Task<AsymmetricSecurityKey> Key { get; } = Task.Run(() => OAuthKeys.SigningKey(keysDirectory));

    /// <summary>If the key cannot be read or made, logs why and stops the hub with exit code 1.</summary>
    public void StopHubOnFailure(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = Key.ContinueWith(failed =>
        {
            var logger = app.Services.GetRequiredService<ILogger<OAuthSigningKeySource>>();
            var file = Path.Combine(keysDirectory, OAuthKeys.SigningKeyFile);
            var error = failed.Exception!.GetBaseException();
            LogKeyFailed(logger, file, error);
            Environment.ExitCode = 1;
            app.Lifetime.StopApplication();
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The OAuth signing key {File} could not be read or made; the hub stops. Restore the file, or move it away to make a new key (tokens signed with the old one stop being valid).")]
    private static partial void LogKeyFailed(ILogger logger, string file, Exception error);
}
