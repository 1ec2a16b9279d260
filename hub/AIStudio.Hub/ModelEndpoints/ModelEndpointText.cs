namespace AIStudio.Hub.ModelEndpoints;

/// <summary>Text from requests, made safe to quote back in an error: short, without control characters.</summary>
public static class ModelEndpointText
{
    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clipped = text.Length <= 80 ? text : text[..80] + "…";
        return string.Create(clipped.Length, clipped, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    public static bool HasControl(string text) => text.Any(char.IsControl);
}
