using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML.OnnxRuntime;

namespace AIStudio.Serving;

/// <summary>A model's inputs and outputs as ONNX Runtime reports them, stored with each version and used to read requests.</summary>
public sealed record DeploymentSchema(
    [property: JsonPropertyName("inputs")] IReadOnlyList<TensorSpec> Inputs,
    [property: JsonPropertyName("outputs")] IReadOnlyList<TensorSpec> Outputs)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The schema of a loaded model; a model with an input of a kind the host cannot feed (a map, a sequence) is refused with why.</summary>
    public static DeploymentSchema From(InferenceSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var inputs = session.InputMetadata.Select(i => Spec(i.Key, i.Value, input: true)).ToArray();
        var outputs = session.OutputMetadata.Select(o => Spec(o.Key, o.Value, input: false)).ToArray();
        return new DeploymentSchema(inputs, outputs);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DeploymentSchema Parse(string json) =>
        JsonSerializer.Deserialize<DeploymentSchema>(json, Json) ?? throw new InvalidDataException("A deployment version's stored schema is empty.");

    private static TensorSpec Spec(string name, NodeMetadata metadata, bool input)
    {
        if (!metadata.IsTensor)
        {
            if (input)
            {
                throw new InvalidDataException($"The model's input '{name}' is a {metadata.OnnxValueType}, not a tensor: the deployment host feeds tensors only.");
            }

            return new TensorSpec(name, metadata.OnnxValueType.ToString(), []);
        }

        var type = TensorTypes.Name(metadata.ElementType);
        if (input && !TensorTypes.CanFeed(metadata.ElementType))
        {
            throw new InvalidDataException($"The model's input '{name}' has element type {type}, which the deployment host does not feed (it feeds {string.Join(", ", TensorTypes.Fed)}).");
        }

        return new TensorSpec(name, type, [.. metadata.Dimensions]);
    }
}
