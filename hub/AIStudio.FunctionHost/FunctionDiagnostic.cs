using System.Globalization;
using System.Text.Json.Serialization;

namespace AIStudio.FunctionHost;

/// <summary>A compiler error in the function's source, at a line and column (1-based), as the hub reports it.</summary>
public sealed record FunctionDiagnostic(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("column")] int Column,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>E.g. <c>(3,17): error CS0103: The name 'x' does not exist in the current context</c>, as the kernel shows them.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"({Line},{Column}): error {Id}: {Message}");
}
