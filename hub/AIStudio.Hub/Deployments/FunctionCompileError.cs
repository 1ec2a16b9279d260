using System.Globalization;
using System.Text.Json.Serialization;

namespace AIStudio.Hub.Deployments;

/// <summary>A compiler error in a C# function's source, as the function host reports it (line and column 1-based).</summary>
public sealed record FunctionCompileError(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("column")] int Column,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>E.g. <c>(3,17): error CS0103: The name 'x' does not exist in the current context</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Line},{Column}): error {Id}: {Message}");
}
