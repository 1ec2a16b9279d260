using System.Text.Json;

namespace AIStudio.Serving;

/// <summary>
/// NaN and the infinities, which JSON has no number for, as predictions carry them both ways: the strings <c>"NaN"</c>,
/// <c>"Infinity"</c> and <c>"-Infinity"</c> — System.Text.Json's named floating-point literals, which C# functions'
/// answers use too, and the spelling of Protocol Buffers' JSON mapping — so that a client can tell them apart, and send
/// back what it was answered.
/// </summary>
public static class NamedFloats
{
    public const string NaN = "NaN";
    public const string PositiveInfinity = "Infinity";
    public const string NegativeInfinity = "-Infinity";

    /// <summary>The three names, as an OpenAPI document lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = [NaN, PositiveInfinity, NegativeInfinity];

    /// <summary>Writes a finite value as a number, a non-finite one as its name.</summary>
    public static void Write(Utf8JsonWriter json, double value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(double.IsNaN(value) ? NaN : value > 0 ? PositiveInfinity : NegativeInfinity);
        }
    }

    /// <summary>Writes a finite value as a number (as float32 prints it), a non-finite one as its name.</summary>
    public static void Write(Utf8JsonWriter json, float value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (float.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(float.IsNaN(value) ? NaN : value > 0 ? PositiveInfinity : NegativeInfinity);
        }
    }

    /// <summary>The value a string names (exactly one of the three names), else null.</summary>
    public static double? Read(JsonElement element) =>
        element.ValueKind != JsonValueKind.String ? null
        : element.ValueEquals(NaN) ? double.NaN
        : element.ValueEquals(PositiveInfinity) ? double.PositiveInfinity
        : element.ValueEquals(NegativeInfinity) ? double.NegativeInfinity
        : null;
}
