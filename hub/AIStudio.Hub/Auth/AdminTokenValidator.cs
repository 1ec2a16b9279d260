using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Auth;

/// <summary>
/// The admin API token: taken from AISTUDIO_ADMIN_TOKEN, or generated at first start, printed once and kept only as its
/// SHA-256 hash in the data directory. A presented token is hashed and compared in constant time.
/// </summary>
public sealed partial class AdminTokenValidator : ITokenValidator
{
    public const string AdminName = "admin";
    public const string HashFileName = "admin-token.sha256";

    private readonly byte[] _hash;

    public AdminTokenValidator(HubOptions options, ILogger<AdminTokenValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.AdminToken is { } configured)
        {
            _hash = Hash(configured);
            return;
        }

        var file = Path.Combine(options.DataDirectory, HashFileName);
        if (File.Exists(file) && TryParseHash(File.ReadAllText(file).Trim(), out var stored))
        {
            _hash = stored;
            LogStoredToken(logger, file);
            return;
        }

        var token = RandomNumberGenerator.GetHexString(48, lowercase: true);
        _hash = Hash(token);
        Directory.CreateDirectory(options.DataDirectory);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(file, Encoding.ASCII, fileOptions))
        {
            writer.WriteLine(Convert.ToHexStringLower(_hash));
        }

        // Printed once, on the console only: the hub keeps no copy it could print again.
        Console.WriteLine($"AI Studio admin API token (shown once; set {HubOptions.AdminTokenKey} to choose your own): {token}");
        LogGeneratedToken(logger, file);
    }

    public ValueTask<ClaimsPrincipal?> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var valid = CryptographicOperations.FixedTimeEquals(Hash(token), _hash);
        return ValueTask.FromResult(valid ? Admin() : null);
    }

    private static ClaimsPrincipal Admin() => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, AdminName), new Claim(ClaimTypes.Role, "admin")],
        TokenAuthenticationHandler.SchemeName));

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static bool TryParseHash(string hex, out byte[] hash)
    {
        hash = [];
        if (hex.Length != SHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        try
        {
            hash = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the admin API token whose hash is in {File}.")]
    private static partial void LogStoredToken(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated an admin API token (printed above, once); its hash is in {File}.")]
    private static partial void LogGeneratedToken(ILogger logger, string file);
}
