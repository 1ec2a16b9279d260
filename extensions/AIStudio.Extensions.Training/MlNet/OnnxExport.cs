using Microsoft.ML;

namespace AIStudio.Extensions.Training.MlNet;

/// <summary>Exports a trained ML.NET model to ONNX, for ONNX Runtime (<see cref="OnnxModel"/>) or any other ONNX runtime.</summary>
public static class OnnxExport
{
    /// <summary>
    /// Writes <paramref name="model"/> as ONNX to <paramref name="path"/> (atomically: a failed export leaves no partial
    /// file) and returns the full path. <paramref name="data"/> gives the input schema; the exported graph takes every one
    /// of its columns as an input, the label included.
    /// </summary>
    public static string Save(MLContext ml, ITransformer model, IDataView data, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return AtomicFile.Write(path, stream => ml.Model.ConvertToOnnx(model, data, stream));
    }
}
