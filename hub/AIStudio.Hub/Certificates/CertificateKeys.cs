using AIStudio.Courses.Certificates;
using AIStudio.Hub.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AIStudio.Hub.Certificates;

/// <summary>
/// The hub as a certificate issuer: its signing key (<c>certificates/signing-key.pem</c> under the data directory, made
/// once and never regenerated, so every certificate it issued stays verifiable) and its Open Badges issuer profile,
/// whose id is <c>{public URL}/hub/certificates/issuer</c> (<c>Hub:PublicUrl</c>; by default the address the hub listens on).
/// </summary>
public sealed class CertificateKeys(HubOptions options, IConfiguration configuration, IServer server) : IDisposable
{
    /// <summary>The path of the issuer document (the issuer's id).</summary>
    public const string IssuerPath = "/hub/certificates/issuer";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private CertificateSigningKey? _key;

    /// <summary>The key file.</summary>
    public string KeyFile => Path.Combine(options.DataDirectory, "certificates", "signing-key.pem");

    /// <summary>The signing key: loaded, or generated and saved (0600) the first time.</summary>
    public async Task<CertificateSigningKey> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } key)
        {
            return key;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_key is null)
            {
                if (File.Exists(KeyFile))
                {
                    _key = await CertificateSigningKey.LoadAsync(KeyFile, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var generated = CertificateSigningKey.Generate(CertificateKeyAlgorithm.RS256);
                    await generated.SaveAsync(KeyFile, cancellationToken).ConfigureAwait(false);
                    _key = generated;
                }
            }

            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _key?.Dispose();
    }

    /// <summary>The hub's public base URL, without a trailing slash.</summary>
    public string PublicUrl
    {
        get
        {
            if (configuration["Hub:PublicUrl"] is { Length: > 0 } configured)
            {
                return configured.TrimEnd('/');
            }

            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1";
            var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
            if (uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost")
            {
                uri.Host = "127.0.0.1";
            }

            return uri.Uri.GetLeftPart(UriPartial.Authority);
        }
    }

    /// <summary>The issuer profile (<c>Hub:IssuerName</c>, default "AI Studio").</summary>
    public IssuerProfile Profile => new()
    {
        Id = PublicUrl + IssuerPath,
        Name = configuration["Hub:IssuerName"] is { Length: > 0 } name ? name : "AI Studio",
        Url = PublicUrl + "/",
        Description = "Certificates of the courses on this AI Studio hub: graded automatically, signed by the hub's key.",
    };
}
