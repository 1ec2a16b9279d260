using System.Text.Json.Nodes;
using AIStudio.Courses.Certificates;
using AIStudio.Courses.Grading;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Courses.Tests.Certificates;

/// <summary><c>aistudio certificates keygen | issue | verify | profile</c>, the built tool started as a process.</summary>
public sealed class CertificatesCliTests(ITestOutputHelper output)
{
    private const string IssuerId = "https://academy.example/certificates/issuer";

    [Fact]
    public async Task Keygen_issue_and_verify_work_end_to_end_and_a_changed_certificate_fails()
    {
        using var directory = new TempDirectory();
        var key = directory.Combine("issuer.pem");

        var keygen = await RunAsync("certificates", "keygen", "--out", key);
        Assert.Equal(0, keygen.ExitCode);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        var publicKey = directory.Combine("issuer.public.jwk");
        var jwk = JsonNode.Parse(await File.ReadAllTextAsync(publicKey))!.AsObject();
        Assert.Equal("RSA", (string)jwk["kty"]!);
        Assert.False(jwk.ContainsKey("d"));
        Assert.Contains($"kid {(string)jwk["kid"]!}", keygen.Output, StringComparison.Ordinal);
        Assert.Equal(1, (await RunAsync("certificates", "keygen", "--out", key)).ExitCode);

        var course = await WriteCourseAsync(directory);
        var report = await WriteReportAsync(directory, "alice", score: 9, maxScore: 10);
        var certificate = directory.Combine("alice.jwt");
        var issue = await RunAsync("certificates", "issue", report, "--course", course, "--key", key, "--issuer-id", IssuerId, "--issuer-name", "Academy",
            "--name", "Alice Example", "--email", "alice@example.org", "--out", certificate);
        Assert.Equal(0, issue.ExitCode);
        Assert.Contains("to Alice Example for 'Deep learning basics'", issue.Output, StringComparison.Ordinal);

        var verify = await RunAsync("certificates", "verify", certificate, "--key", publicKey);
        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith("VALID", verify.Output, StringComparison.Ordinal);
        Assert.Contains("Recipient:   Alice Example (email on file, hashed)", verify.Output, StringComparison.Ordinal);
        Assert.Contains("Achievement: Deep learning basics <https://academy.example/courses/deep-learning>", verify.Output, StringComparison.Ordinal);
        Assert.Contains("Score:       90 % (pass mark 75 %)", verify.Output, StringComparison.Ordinal);
        Assert.Contains($"Issuer:      Academy <{IssuerId}>", verify.Output, StringComparison.Ordinal);

        var json = await RunAsync("certificates", "verify", certificate, "--jwks", publicKey, "--json");
        var result = JsonNode.Parse(json.Output)!;
        Assert.Equal(0, json.ExitCode);
        Assert.True((bool)result["valid"]!);
        Assert.Equal("Alice Example", (string)result["recipient"]!["name"]!);
        Assert.Equal("90", (string)result["score"]!);

        var tampered = directory.Combine("tampered.jwt");
        await File.WriteAllTextAsync(tampered, CertificateFixtures.TamperPayload((await File.ReadAllTextAsync(certificate)).Trim(), p => p["credentialSubject"]!["result"]![0]!["value"] = "100"));
        var bad = await RunAsync("certificates", "verify", tampered, "--key", publicKey);
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith("INVALID: The signature does not verify", bad.Output, StringComparison.Ordinal);

        var badJson = JsonNode.Parse((await RunAsync("certificates", "verify", tampered, "--key", publicKey, "--json")).Output)!;
        Assert.False((bool)badJson["valid"]!);
        Assert.StartsWith("The signature does not verify", (string)badJson["problem"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_refuses_a_report_below_the_pass_mark_and_verify_needs_a_key_source()
    {
        using var directory = new TempDirectory();
        var key = directory.Combine("issuer.pem");
        await CertificateFixtures.EcKey.SaveAsync(key);
        var course = await WriteCourseAsync(directory);
        var report = await WriteReportAsync(directory, "bob", score: 7, maxScore: 10);
        var certificate = directory.Combine("bob.jwt");

        var issue = await RunAsync("certificates", "issue", report, "--course", course, "--key", key, "--issuer-id", IssuerId, "--issuer-name", "Academy", "--name", "Bob", "--out", certificate);

        Assert.Equal(1, issue.ExitCode);
        Assert.Contains("error: The score 70 % is below the pass mark of 75 % for 'Deep learning basics': no certificate.", issue.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(certificate));

        var noKey = await RunAsync("certificates", "verify", report);
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("give exactly one of --key", noKey.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_refuses_expired_alg_none_malformed_and_wrong_key_certificates_with_exit_1()
    {
        using var directory = new TempDirectory();
        var keys = directory.Combine("keys.json");
        await File.WriteAllTextAsync(keys, CertificateFixtures.Issuer().ToDocument([CertificateFixtures.RsaKey.PublicKey]).ToJsonString());
        var expired = CertificateFixtures.Issue(request: CertificateFixtures.Request(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var cases = new Dictionary<string, (string Text, string Expected)>
        {
            ["expired.jwt"] = (expired.Jwt, "INVALID: Expired: validUntil was 2025-01-01T00:00:00Z"),
            ["none.jwt"] = (string.Join('.', CertificateFixtures.ReplaceHeader(CertificateFixtures.Issue().Jwt, new JsonObject { ["alg"] = "none" }).Split('.')[..2]) + ".", "INVALID: The JOSE header says alg 'none'"),
            ["broken.json"] = ("{ \"@context\": [", "INVALID: Malformed JSON: "),
            ["other-key.jwt"] = (CertificateFixtures.Issue(CertificateFixtures.OtherRsaKey).Jwt, $"INVALID: Unknown kid '{CertificateFixtures.IssuerId}#{CertificateFixtures.OtherRsaKey.Thumbprint}'"),
        };

        foreach (var (name, (text, expected)) in cases)
        {
            var file = directory.Combine(name);
            await File.WriteAllTextAsync(file, text);
            var result = await RunAsync("certificates", "verify", file, "--jwks", keys);
            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith(expected, result.Output, StringComparison.Ordinal);
        }

        var good = directory.Combine("good.json");
        await CertificateFixtures.Issue().SaveAsync(good, CertificateFileFormat.Json);
        Assert.Equal((byte)'{', (await File.ReadAllBytesAsync(good))[0]);
        Assert.Equal(0, (await RunAsync("certificates", "verify", good, "--jwks", keys)).ExitCode);
    }

    [Fact]
    public async Task Verify_online_fetches_the_issuer_document_written_by_profile()
    {
        using var directory = new TempDirectory();
        var key = directory.Combine("issuer.pem");
        await CertificateFixtures.RsaKey.SaveAsync(key);
        var document = directory.Combine("issuer.json");
        await using var server = new IssuerDocumentServer("/certificates/issuer", () => File.ReadAllText(document));
        var issuerId = server.BaseUrl + "/certificates/issuer";

        var profile = await RunAsync("certificates", "profile", "--key", key, "--issuer-id", issuerId, "--issuer-name", "Academy", "--out", document);
        Assert.Equal(0, profile.ExitCode);

        var certificate = directory.Combine("ada.jwt");
        await CertificateFixtures.Issue(issuer: CertificateFixtures.Issuer(issuerId)).SaveAsync(certificate, CertificateFileFormat.Jwt);
        var verify = await RunAsync("certificates", "verify", certificate, "--online");

        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith("VALID", verify.Output, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
    }

    private static async Task<string> WriteCourseAsync(TempDirectory directory)
    {
        var course = directory.Combine("deep-learning");
        Directory.CreateDirectory(course);
        await File.WriteAllTextAsync(Path.Combine(course, "course.yml"), """
            slug: deep-learning
            title: Deep learning basics
            audience: students
            summary: Tensors, autograd and a small network.
            lessons:
              - title: Tensors
                notebook: lessons/tensors.ipynb
                minutes: 30
            assignments:
              - title: An MLP
                notebook: assignments/mlp.ipynb
                minutes: 45
            pass_mark: 75
            licence: CC-BY-4.0
            """);
        return course;
    }

    private static async Task<string> WriteReportAsync(TempDirectory directory, string name, double score, double maxScore)
    {
        var path = directory.Combine("reports", name + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, GradingJson.Serialize(new GradingReport { Submission = name, Score = score, MaxScore = maxScore }));
        return path;
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => AistudioCli.RunAsync(output, TimeSpan.FromMinutes(2), arguments);
}
