using System.Text.Json;

namespace AIStudio.Kernel.Output;

/// <summary>A mime bundle: mime type → value (a JSON string for text types, JSON for application/json and the like).</summary>
public sealed class MimeBundle
{
    public Dictionary<string, JsonElement> Data { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonElement> Metadata { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Data.Count == 0;

    /// <summary>Adds a representation; JSON mime types (application/json, *+json) are parsed when they parse.</summary>
    public MimeBundle Add(string mimeType, string value)
    {
        ArgumentNullException.ThrowIfNull(mimeType);
        ArgumentNullException.ThrowIfNull(value);
        if (IsJsonMimeType(mimeType))
        {
            try
            {
                using var document = JsonDocument.Parse(value);
                Data[mimeType] = document.RootElement.Clone();
                return this;
            }
            catch (JsonException)
            {
                // Not JSON after all: keep it as text.
            }
        }

        Data[mimeType] = JsonSerializer.SerializeToElement(value, Protocol.ProtocolJson.Default.String);
        return this;
    }

    public static bool IsJsonMimeType(string mimeType) =>
        mimeType == "application/json" || mimeType.EndsWith("+json", StringComparison.Ordinal);

    /// <summary>A bundle with only text/plain.</summary>
    public static MimeBundle PlainText(string text) => new MimeBundle().Add("text/plain", text);
}
