using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.FunctionHost;

/// <summary>
/// What is kept beside a compiled function's assembly (<see cref="FileName"/>, beside <see cref="CompiledAssembly.FileName"/>)
/// so that a later process can load it instead of compiling the source again: which compiler made it
/// (<see cref="CompiledAssembly.Compiler"/>), from which source and into which bytes (SHA-256, lowercase hex). A process
/// loads the assembly only when all three match.
/// </summary>
public sealed record CompiledAssemblyInfo(
    [property: JsonPropertyName("compiler")] string Compiler,
    [property: JsonPropertyName("source_sha256")] string SourceSha256,
    [property: JsonPropertyName("assembly_sha256")] string AssemblySha256)
{
    public const string FileName = "function.dll.json";

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>The info in <paramref name="json"/>, or null when it is not one.</summary>
    public static CompiledAssemblyInfo? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<CompiledAssemblyInfo>(json) is { Compiler: not null, SourceSha256: not null, AssemblySha256: not null } info ? info : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
