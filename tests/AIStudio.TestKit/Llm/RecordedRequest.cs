using System.Text.Json;

namespace AIStudio.TestKit.Llm;

/// <summary>A chat completions request as the scripted endpoint received it.</summary>
public sealed record RecordedRequest(string? Authorization, JsonElement Body)
{
    public bool Stream => Body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;

    public bool IncludeUsage =>
        Body.TryGetProperty("stream_options", out var o) && o.TryGetProperty("include_usage", out var u) && u.ValueKind == JsonValueKind.True;

    public IReadOnlyList<JsonElement> Messages => [.. Body.GetProperty("messages").EnumerateArray()];

    public IReadOnlyList<string> ToolNames =>
        Body.TryGetProperty("tools", out var tools) ? [.. tools.EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!)] : [];

    /// <summary>The text of each message of <paramref name="role"/> (string content or text parts).</summary>
    public IReadOnlyList<string> Contents(string role) =>
        [.. Messages.Where(m => m.GetProperty("role").GetString() == role).Select(Text)];

    private static string Text(JsonElement message) =>
        !message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null ? ""
        : content.ValueKind == JsonValueKind.String ? content.GetString()!
        : string.Concat(content.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : ""));
}
