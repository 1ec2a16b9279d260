using static TorchSharp.torch;

namespace AIStudio.Extensions.Training.Torch;

/// <summary>Metrics of (output, target) for <see cref="TorchTraining.Fit"/>.</summary>
public static class Metrics
{
    /// <summary>The share of samples whose highest-scoring class (argmax of the last dimension) is the target class.</summary>
    public static double Accuracy(Tensor output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = NewDisposeScope();
        return output.argmax(-1).eq(target).to_type(ScalarType.Float32).mean().item<float>();
    }

    /// <summary>The root of the mean squared difference, for regression.</summary>
    public static double Rmse(Tensor output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = NewDisposeScope();
        return Math.Sqrt((output.flatten() - target.flatten().to_type(output.dtype)).pow(2).mean().item<float>());
    }
}
