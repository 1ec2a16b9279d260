using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIStudio.FunctionHost;

/// <summary>
/// What <c>check</c> writes to <see cref="FileName"/> in its working directory for the hub: the function's signature and
/// schema when it compiles, else the compiler's errors.
/// </summary>
public sealed record CheckResult(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("signature"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Signature,
    [property: JsonPropertyName("schema"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Schema,
    [property: JsonPropertyName("diagnostics")] IReadOnlyList<FunctionDiagnostic> Diagnostics)
{
    public const string FileName = "check.json";

    public static CheckResult From(CompileOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Function is { } function
            ? new CheckResult(true, function.Signature, FunctionSchema.Of(function), [])
            : new CheckResult(false, null, null, outcome.Diagnostics);
    }

    public string ToJson() => JsonSerializer.Serialize(this);
}
