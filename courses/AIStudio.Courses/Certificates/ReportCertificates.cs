using System.Globalization;
using System.Text.Json;
using AIStudio.Courses.Grading;

namespace AIStudio.Courses.Certificates;

/// <summary>Certificates from grading reports (the JSON <c>aistudio assignment grade</c> writes): the report's percentage is the score.</summary>
public static class ReportCertificates
{
    /// <summary>
    /// Reads the report at <paramref name="reportPath"/> and issues the certificate when its score reaches the pass mark.
    /// Throws <see cref="CertificateException"/> when the report is unreadable, graded nothing, or falls short.
    /// </summary>
    public static async Task<IssuedCertificate> IssueAsync(
        CertificateIssuer issuer, string reportPath, CertificateAchievement achievement, CertificateRecipient recipient,
        DateTimeOffset? validUntil = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var report = await ReadAsync(reportPath, cancellationToken).ConfigureAwait(false);
        if (report.MaxScore <= 0)
        {
            throw new CertificateException($"{reportPath}: the report grades nothing (max_score {report.MaxScore.ToString(CultureInfo.InvariantCulture)}){(report.Stopped is null ? "" : ": " + report.Stopped)}.");
        }

        return issuer.Issue(new CertificateRequest
        {
            Achievement = achievement,
            Recipient = recipient,
            Score = Math.Round(report.Percentage, 2),
            ValidUntil = validUntil,
        });
    }

    /// <summary>Reads a grading report; throws <see cref="CertificateException"/> saying what is wrong with the file.</summary>
    public static async Task<GradingReport> ReadAsync(string reportPath, CancellationToken cancellationToken = default)
    {
        try
        {
            return GradingJson.Deserialize(await File.ReadAllTextAsync(reportPath, cancellationToken).ConfigureAwait(false))
                ?? throw new CertificateException($"{reportPath} is not a grading report (it is JSON null).");
        }
        catch (JsonException e)
        {
            throw new CertificateException($"{reportPath} is not a grading report: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertificateException($"Cannot read {reportPath}: {e.Message}", e);
        }
    }
}
