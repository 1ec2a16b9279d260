namespace AIStudio.Extensions.Training.Tests;

/// <summary>The assemblies a notebook's cells compile against when they use the extension.</summary>
internal static class References
{
    public static IReadOnlyList<string> All { get; } =
    [
        typeof(TrainingExtension).Assembly.Location,
        typeof(TorchSharp.torch).Assembly.Location,
        typeof(Microsoft.ML.MLContext).Assembly.Location,
        typeof(Microsoft.ML.IDataView).Assembly.Location,
        typeof(Microsoft.ML.Data.TextLoader).Assembly.Location,
        typeof(Microsoft.ML.Trainers.SdcaMaximumEntropyMulticlassTrainer).Assembly.Location,
        typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.Location,
        typeof(Microsoft.Data.Analysis.DataFrame).Assembly.Location,
        typeof(AIStudio.Extensions.Charts.Charts).Assembly.Location,
        typeof(AIStudio.Extensions.Datasets.Datasets).Assembly.Location,
        typeof(Plotly.NET.GenericChart).Assembly.Location,
        typeof(Microsoft.FSharp.Core.Unit).Assembly.Location,
    ];
}
