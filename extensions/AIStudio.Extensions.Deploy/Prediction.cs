using System.Text.Json;

namespace AIStudio.Extensions.Deploy;

/// <summary>A deployment's answer: the version that served it and each output's values, row by row.</summary>
public sealed record Prediction(int Version, IReadOnlyDictionary<string, JsonElement> Outputs)
{
    /// <summary>An output's values as numbers.</summary>
    public double[] Numbers(string output) => Output(output).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>An output's values as text.</summary>
    public string[] Texts(string output) => Output(output).EnumerateArray().Select(v => v.ToString()).ToArray();

    private JsonElement Output(string output) => Outputs.TryGetValue(output, out var values)
        ? values
        : throw new KeyNotFoundException($"The deployment has no output '{output}'; it has: {string.Join(", ", Outputs.Keys)}.");
}
