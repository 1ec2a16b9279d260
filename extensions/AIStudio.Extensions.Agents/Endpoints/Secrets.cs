namespace AIStudio.Extensions.Agents.Endpoints;

/// <summary>Keeps API keys out of text shown to anyone: every message that leaves the extension passes through here.</summary>
internal static class Secrets
{
    public const string Mask = "***";

    public static string Redact(string text, string? secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.IsNullOrEmpty(secret) || secret.Length < 4 ? text : text.Replace(secret, Mask, StringComparison.Ordinal);
    }

    public static string Redact(string text, IEnumerable<string?> secrets) =>
        secrets.Aggregate(text, (current, secret) => Redact(current, secret));
}
