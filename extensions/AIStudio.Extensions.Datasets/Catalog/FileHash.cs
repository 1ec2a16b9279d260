using System.Security.Cryptography;

namespace AIStudio.Extensions.Datasets.Catalog;

internal static class FileHash
{
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Throws unless <paramref name="bytes"/> hash to <paramref name="expected"/>; the message says what to do.</summary>
    public static void Verify(ReadOnlySpan<byte> bytes, string expected, string name, string path)
    {
        var actual = Sha256(bytes);
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new DatasetIntegrityException(
                $"The file of dataset '{name}' ({path}) does not match its recorded SHA-256: expected {expected}, found {actual}. " +
                "It was changed or damaged after it was recorded, so it is not loaded. Restore the original file (reinstall the " +
                "extension for a curated dataset), or register the new file again so its licence and hash are recorded.");
        }
    }
}
