using System.Security.Cryptography;
using System.Text;

namespace AIStudio.Courses.Certificates;

/// <summary>
/// The issuer's private key: generated (RSA 3072 for RS256, P-256 for ES256), saved as a PKCS#8 PEM file written
/// atomically with mode 0600 on Unix, loaded back, and able to sign a JWS and to give its public JWK.
/// </summary>
public sealed class CertificateSigningKey : IDisposable
{
    private const int RsaBits = 3072;

    private readonly RSA? _rsa;
    private readonly ECDsa? _ec;

    private CertificateSigningKey(RSA? rsa, ECDsa? ec)
    {
        _rsa = rsa;
        _ec = ec;
        PublicKey = rsa is not null
            ? CertificatePublicKey.FromRsa(rsa.ExportParameters(includePrivateParameters: false))
            : CertificatePublicKey.FromEc(ec!.ExportParameters(includePrivateParameters: false));
    }

    /// <summary>The algorithm this key signs with.</summary>
    public CertificateKeyAlgorithm Algorithm => PublicKey.Algorithm;

    /// <summary>The public half (without a kid; <see cref="CertificatePublicKey.WithKeyId"/> names it).</summary>
    public CertificatePublicKey PublicKey { get; }

    /// <summary>The RFC 7638 thumbprint of the public key: the fragment of the key id certificates carry.</summary>
    public string Thumbprint => PublicKey.Thumbprint;

    /// <summary>A new random key for <paramref name="algorithm"/>.</summary>
    public static CertificateSigningKey Generate(CertificateKeyAlgorithm algorithm = CertificateKeyAlgorithm.RS256) => algorithm switch
    {
        CertificateKeyAlgorithm.RS256 => new CertificateSigningKey(RSA.Create(RsaBits), null),
        CertificateKeyAlgorithm.ES256 => new CertificateSigningKey(null, ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "RS256 or ES256."),
    };

    /// <summary>Reads a key from PEM text (PKCS#8 <c>PRIVATE KEY</c>, or PKCS#1 <c>RSA PRIVATE KEY</c> / SEC1 <c>EC PRIVATE KEY</c>).</summary>
    public static CertificateSigningKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new CertificateException("The key file holds no PEM private key (-----BEGIN PRIVATE KEY-----).");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < 2048)
            {
                throw new CertificateException($"The RSA key has {rsa.KeySize} bits; at least 2048 are required.");
            }

            return new CertificateSigningKey(rsa, null);
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
        }
        catch (ArgumentException)
        {
            rsa.Dispose();
        }
        catch
        {
            rsa.Dispose();
            throw;
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            var parameters = ec.ExportParameters(includePrivateParameters: false);
            if (parameters.Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new CertificateException($"The EC key is on curve {parameters.Curve.Oid?.FriendlyName ?? parameters.Curve.Oid?.Value ?? "(unnamed)"}; only P-256 is supported.");
            }

            return new CertificateSigningKey(null, ec);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            ec.Dispose();
            throw new CertificateException("The key file is not an RSA or EC P-256 private key in PEM.", e);
        }
        catch
        {
            ec.Dispose();
            throw;
        }
    }

    /// <summary>Loads a key saved by <see cref="SaveAsync"/> (or any PEM private key of a supported kind).</summary>
    public static async Task<CertificateSigningKey> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        string pem;
        try
        {
            pem = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertificateException($"Cannot read the key file {path}: {e.Message}", e);
        }

        return FromPem(pem);
    }

    /// <summary>The private key as PKCS#8 PEM.</summary>
    public string ExportPem() => _rsa is not null ? _rsa.ExportPkcs8PrivateKeyPem() : _ec!.ExportPkcs8PrivateKeyPem();

    /// <summary>
    /// Writes the private key to <paramref name="path"/> atomically: a temporary file beside it, created with mode 0600
    /// on Unix (never readable by others, not even for a moment), flushed to disk, then renamed over the target.
    /// </summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(ExportPem() + "\n"), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The JWS signature of <paramref name="data"/>: PKCS#1 v1.5 SHA-256 for RS256, r‖s (P1363) for ES256.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _rsa is not null
        ? _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
        : _ec!.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <inheritdoc />
    public void Dispose()
    {
        _rsa?.Dispose();
        _ec?.Dispose();
    }
}
