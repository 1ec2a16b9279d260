using System.Security.Cryptography;
using System.Text;

namespace AIStudio.Kernel.Protocol;

/// <summary>
/// HMAC-SHA256 signatures of Jupyter messages: the hex digest over header, parent header, metadata and content,
/// verified in constant time. An empty key means signing is off (Jupyter's convention): the signature is "".
/// </summary>
public sealed class MessageSigner
{
    public const string Scheme = "hmac-sha256";

    private readonly byte[] _key;

    public MessageSigner(string key)
        : this(Encoding.UTF8.GetBytes(key ?? throw new ArgumentNullException(nameof(key))))
    {
    }

    public MessageSigner(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = (byte[])key.Clone();
    }

    /// <summary>True when messages are signed (the key is not empty).</summary>
    public bool IsEnabled => _key.Length > 0;

    /// <summary>The lowercase hex HMAC-SHA256 of the four parts, in order.</summary>
    public string Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!IsEnabled)
        {
            return "";
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ComputeMac(header, parentHeader, metadata, content, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Checks a received hex signature in constant time. With signing off, any signature is accepted.</summary>
    public bool Verify(ReadOnlySpan<byte> signatureHex, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!IsEnabled)
        {
            return true;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ComputeMac(header, parentHeader, metadata, content, expected);

        Span<byte> received = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var ok = signatureHex.Length == HMACSHA256.HashSizeInBytes * 2 && TryDecodeHex(signatureHex, received);
        // Compare even when the length or the hex was wrong, so the time taken tells nothing.
        var equal = CryptographicOperations.FixedTimeEquals(expected, received);
        return ok & equal;
    }

    private void ComputeMac(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(header);
        hmac.AppendData(parentHeader);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        hmac.GetHashAndReset(destination);
    }

    private static bool TryDecodeHex(ReadOnlySpan<byte> hex, Span<byte> destination)
    {
        var valid = true;
        for (var i = 0; i < destination.Length; i++)
        {
            var hi = HexValue(hex[2 * i]);
            var lo = HexValue(hex[(2 * i) + 1]);
            valid &= hi >= 0 && lo >= 0;
            destination[i] = (byte)((hi << 4) | (lo & 0xF));
        }

        return valid;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
