using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AIStudio.Hub.Tests;

/// <summary>
/// Small real ONNX models for the deployment tests: an ML.NET regression (y ≈ slope·x1 + x2) trained on a few rows and
/// exported with Microsoft.ML.OnnxConverter; its inputs are x1, x2 and Label (float32, [-1, 1]), as ML.NET exports them.
/// </summary>
public static class OnnxTestModels
{
    /// <summary>The model's ONNX bytes; a different <paramref name="slope"/> gives a model with different answers.</summary>
    public static byte[] Regression(float slope)
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 40).Select(i => new Row { X1 = i % 10, X2 = i / 10f, Label = (slope * (i % 10)) + (i / 10f) }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Concatenate("Features", "x1", "x2")
            .Append(ml.Regression.Trainers.Sdca(labelColumnName: "Label", featureColumnName: "Features", maximumNumberOfIterations: 20));
        var model = pipeline.Fit(data);
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, data, stream);
        return stream.ToArray();
    }

    /// <summary>ONNX Runtime run in this process on the model, as the physical truth for the hub's answers: the named output, row by row.</summary>
    public static float[] Run(byte[] model, float[] x1, float[] x2, string output)
    {
        ArgumentNullException.ThrowIfNull(x1);
        ArgumentNullException.ThrowIfNull(x2);
        using var session = new InferenceSession(model);
        int[] shape = [x1.Length, 1];
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("x1", new DenseTensor<float>(x1, shape)),
            NamedOnnxValue.CreateFromTensor("x2", new DenseTensor<float>(x2, shape)),
            NamedOnnxValue.CreateFromTensor("Label", new DenseTensor<float>(new float[x1.Length], shape)),
        };
        using var results = session.Run(inputs);
        return results.Single(r => r.Name == output).AsTensor<float>().ToArray();
    }

    private sealed class Row
    {
        [ColumnName("x1")]
        public float X1 { get; set; }

        [ColumnName("x2")]
        public float X2 { get; set; }

        public float Label { get; set; }
    }
}
