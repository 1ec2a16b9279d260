using Microsoft.Data.Analysis;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AIStudio.Extensions.Training.MlNet;

/// <summary>
/// An ONNX model run with ONNX Runtime. <see cref="Run(DataFrame)"/> feeds a DataFrame's columns to the graph's inputs
/// by name (each as a <c>[rows, 1]</c> tensor, the shape ML.NET's exporter uses) and returns every output as an array.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;

    private OnnxModel(string path, InferenceSession session)
    {
        Path = path;
        _session = session;
    }

    public string Path { get; }

    /// <summary>The graph's inputs: name and element type.</summary>
    public IReadOnlyDictionary<string, Type> Inputs => _session.InputMetadata.ToDictionary(i => i.Key, i => i.Value.ElementType);

    /// <summary>The graph's outputs: name and element type.</summary>
    public IReadOnlyDictionary<string, Type> Outputs => _session.OutputMetadata.ToDictionary(o => o.Key, o => o.Value.ElementType);

    public static OnnxModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"No ONNX model at {path}.", full);
        }

        try
        {
            return new OnnxModel(full, new InferenceSession(full));
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{path} is not an ONNX model ONNX Runtime can load: {e.Message}", e);
        }
    }

    /// <summary>Runs the model on every row of <paramref name="frame"/>; the result maps each output's name to its values, row by row.</summary>
    public IReadOnlyDictionary<string, Array> Run(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var rows = checked((int)frame.Rows.Count);
        var inputs = new List<NamedOnnxValue>();
        foreach (var (name, metadata) in _session.InputMetadata)
        {
            var column = frame.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal))
                ?? throw new ArgumentException(
                    $"The model needs an input column '{name}' ({metadata.ElementType.Name}); the DataFrame has: {string.Join(", ", frame.Columns.Select(c => c.Name))}. " +
                    "ML.NET's exported graphs take every column the model was trained with, the label included.", nameof(frame));
            inputs.Add(Input(name, metadata.ElementType, column, rows));
        }

        using var results = _session.Run(inputs);
        return results.ToDictionary(r => r.Name, Values);
    }

    public void Dispose() => _session.Dispose();

    private static NamedOnnxValue Input(string name, Type type, DataFrameColumn column, int rows)
    {
        int[] shape = [rows, 1];
        if (type == typeof(string))
        {
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(Enumerable.Range(0, rows).Select(r => column[r]?.ToString() ?? "").ToArray(), shape));
        }

        if (type == typeof(float))
        {
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(Enumerable.Range(0, rows).Select(r => Convert.ToSingle(column[r] ?? float.NaN, System.Globalization.CultureInfo.InvariantCulture)).ToArray(), shape));
        }

        if (type == typeof(double))
        {
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<double>(Enumerable.Range(0, rows).Select(r => Convert.ToDouble(column[r] ?? double.NaN, System.Globalization.CultureInfo.InvariantCulture)).ToArray(), shape));
        }

        if (type == typeof(long))
        {
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(Enumerable.Range(0, rows).Select(r => Convert.ToInt64(column[r] ?? 0L, System.Globalization.CultureInfo.InvariantCulture)).ToArray(), shape));
        }

        if (type == typeof(int))
        {
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<int>(Enumerable.Range(0, rows).Select(r => Convert.ToInt32(column[r] ?? 0, System.Globalization.CultureInfo.InvariantCulture)).ToArray(), shape));
        }

        if (type == typeof(bool))
        {
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<bool>(Enumerable.Range(0, rows).Select(r => column[r] is true).ToArray(), shape));
        }

        throw new NotSupportedException($"The model's input '{name}' has element type {type.Name}, which OnnxModel.Run(DataFrame) does not feed.");
    }

    private static Array Values(DisposableNamedOnnxValue result) => result.Value switch
    {
        Tensor<float> t => t.ToArray(),
        Tensor<double> t => t.ToArray(),
        Tensor<long> t => t.ToArray(),
        Tensor<int> t => t.ToArray(),
        Tensor<ulong> t => t.ToArray(),
        // ML.NET's key columns (a label mapped to classes) come out as uint32.
        Tensor<uint> t => t.ToArray(),
        Tensor<short> t => t.ToArray(),
        Tensor<byte> t => t.ToArray(),
        Tensor<bool> t => t.ToArray(),
        Tensor<string> t => t.ToArray(),
        _ => throw new NotSupportedException($"The output '{result.Name}' is a {result.ValueType}, which OnnxModel.Run does not read."),
    };
}
