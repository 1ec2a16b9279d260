using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using AIStudio.Courses.Certificates;

namespace AIStudio.Cli.Commands;

/// <summary><c>aistudio certificates verify | issue | keygen | profile</c>: Open Badges 3.0 certificates (VC-JWT).</summary>
internal static class CertificatesCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create() => new("certificates", "Open Badges 3.0 certificates signed as VC-JWT: verify, issue, make keys.")
    {
        Verify(),
        Issue(),
        Keygen(),
        Profile(),
    };

    private static Command Verify()
    {
        var file = new Argument<string>("FILE") { Description = "The certificate: a VC-JWT (.jwt) or its JSON envelope (.json)." };
        var key = new Option<string?>("--key") { Description = "The issuer's public key: a JWK file (or an issuer document). Offline." };
        var jwks = new Option<string?>("--jwks") { Description = "A JWK Set file (or an issuer document) with the issuer's keys. Offline." };
        var online = new Option<bool>("--online") { Description = "Fetch the issuer's key from issuer.id (https; http only to a loopback host)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("verify", "Checks the signature, the Open Badges 3.0 structure and the validity period. Exit 0 valid, 1 invalid, 2 usage.")
        {
            file, key, jwks, online, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var sources = new[] { result.GetValue(key) is not null, result.GetValue(jwks) is not null, result.GetValue(online) }.Count(b => b);
            if (sources != 1)
            {
                await Console.Error.WriteLineAsync("error: give exactly one of --key PUBLIC.jwk, --jwks KEYS.json or --online (where the issuer's key comes from).").ConfigureAwait(false);
                return 2;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            CertificateVerification verification;
            try
            {
                ICertificateKeySource keys = result.GetValue(online)
                    ? new HttpCertificateKeySource(http)
                    : await CertificateKeySet.LoadAsync((result.GetValue(key) ?? result.GetValue(jwks))!, cancellationToken).ConfigureAwait(false);
                verification = await new CertificateVerifier(keys).VerifyFileAsync(result.GetValue(file)!, cancellationToken).ConfigureAwait(false);
            }
            catch (CertificateException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            await Console.Out.WriteAsync(result.GetValue(json) ? verification.ToJson().ToJsonString(Indented) + "\n" : verification.ToText()).ConfigureAwait(false);
            return verification.IsValid ? 0 : 1;
        });
        return command;
    }

    private static Command Issue()
    {
        var report = new Argument<string>("REPORT") { Description = "The grading report (NAME.json written by 'aistudio assignment grade')." };
        var course = new Option<string>("--course") { Description = "The course: its folder or course.yml (title, summary, pass_mark).", Required = true };
        var key = new Option<string>("--key") { Description = "The issuer's private key (PEM, from 'certificates keygen').", Required = true };
        var issuer = IssuerOptions();
        var name = new Option<string>("--name") { Description = "The learner's name, as printed on the certificate.", Required = true };
        var email = new Option<string?>("--email") { Description = "The learner's email (written only as a salted SHA-256 hash)." };
        var recipientId = new Option<string?>("--recipient-id") { Description = "A URI for the learner (e.g. their hub profile URL): credentialSubject.id." };
        var achievementId = new Option<string?>("--achievement-id") { Description = "The achievement's id (default: ISSUER_URL/courses/SLUG)." };
        var validUntil = new Option<DateTimeOffset?>("--valid-until") { Description = "Expiry (e.g. 2030-01-01T00:00:00Z); default: none." };
        var output = new Option<string>("--out") { Description = "Where to write the certificate.", Required = true };
        var format = new Option<CertificateFileFormat>("--format") { Description = "jwt (one VC-JWT line) or json (EnvelopedVerifiableCredential).", DefaultValueFactory = _ => CertificateFileFormat.Jwt };
        var command = new Command("issue", "Issues a certificate from a grading report whose score reaches the course's pass mark; exit 1 when it does not.")
        {
            report, course, key, issuer.Id, issuer.Name, issuer.Url, name, email, recipientId, achievementId, validUntil, output, format,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var profile = issuer.Read(result);
                using var signingKey = await CertificateSigningKey.LoadAsync(result.GetValue(key)!, cancellationToken).ConfigureAwait(false);
                var achievement = await CertificateAchievement.LoadCourseAsync(result.GetValue(course)!, profile, result.GetValue(achievementId), cancellationToken).ConfigureAwait(false);
                var recipient = new CertificateRecipient { Name = result.GetValue(name)!, Email = result.GetValue(email), Id = result.GetValue(recipientId) };
                var certificate = await ReportCertificates.IssueAsync(new CertificateIssuer(profile, signingKey), result.GetValue(report)!, achievement, recipient, result.GetValue(validUntil), cancellationToken).ConfigureAwait(false);
                await certificate.SaveAsync(result.GetValue(output)!, result.GetValue(format), cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"Issued {certificate.Id} to {recipient.Name} for '{achievement.Name}'; wrote {result.GetValue(output)}.").ConfigureAwait(false);
                return 0;
            }
            catch (CertificateException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static Command Keygen()
    {
        var output = new Option<string>("--out") { Description = "The private key file to write (PKCS#8 PEM, mode 0600).", Required = true };
        var publicOutput = new Option<string?>("--public") { Description = "The public JWK file to write (default: the key's name with .public.jwk)." };
        var algorithm = new Option<CertificateKeyAlgorithm>("--alg") { Description = "RS256 (RSA 3072; every verifier supports it) or ES256 (P-256).", DefaultValueFactory = _ => CertificateKeyAlgorithm.RS256 };
        var force = new Option<bool>("--force") { Description = "Replace an existing key file." };
        var command = new Command("keygen", "Makes a signing key for certificates and writes its public JWK.") { output, publicOutput, algorithm, force };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(output)!;
            if (File.Exists(path) && !result.GetValue(force))
            {
                await Console.Error.WriteLineAsync($"error: {path} exists; certificates signed with it would no longer verify once it is gone. Use --force to replace it.").ConfigureAwait(false);
                return 1;
            }

            using var key = CertificateSigningKey.Generate(result.GetValue(algorithm));
            await key.SaveAsync(path, cancellationToken).ConfigureAwait(false);
            var publicPath = result.GetValue(publicOutput) ?? Path.ChangeExtension(path, ".public.jwk");
            await File.WriteAllTextAsync(publicPath, key.PublicKey.WithKeyId(key.Thumbprint).ToJwk().ToJsonString(Indented) + "\n", cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Wrote {path} ({key.Algorithm} private key, mode 0600) and {publicPath} (public JWK, kid {key.Thumbprint}).").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Profile()
    {
        var key = new Option<string>("--key") { Description = "The issuer's private key (PEM) or public JWK.", Required = true };
        var issuer = IssuerOptions();
        var output = new Option<string>("--out") { Description = "Where to write the issuer document (serve it at the issuer id as application/json).", Required = true };
        var command = new Command("profile", "Writes the issuer document (Profile with its public keys) to serve at the issuer id for --online verification.")
        {
            key, issuer.Id, issuer.Name, issuer.Url, output,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var profile = issuer.Read(result);
                var keys = await CertificateKeySet.LoadAsync(result.GetValue(key)!, cancellationToken).ConfigureAwait(false);
                await File.WriteAllTextAsync(result.GetValue(output)!, profile.ToDocument(keys.Keys).ToJsonString(Indented) + "\n", cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"Wrote {result.GetValue(output)}: serve it at {profile.Id}.").ConfigureAwait(false);
                return 0;
            }
            catch (CertificateException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static IssuerOptionSet IssuerOptions() => new(
        new Option<string>("--issuer-id") { Description = "The issuer's id: the https URL where its document ('certificates profile') is served.", Required = true },
        new Option<string>("--issuer-name") { Description = "The issuer's name.", Required = true },
        new Option<string?>("--issuer-url") { Description = "The issuer's home page." });

    private sealed record IssuerOptionSet(Option<string> Id, Option<string> Name, Option<string?> Url)
    {
        public IssuerProfile Read(ParseResult result)
        {
            var profile = new IssuerProfile { Id = result.GetValue(Id)!, Name = result.GetValue(Name)!, Url = result.GetValue(Url) };
            profile.Validate();
            return profile;
        }
    }
}
