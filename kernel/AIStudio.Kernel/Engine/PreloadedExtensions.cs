using AIStudio.Extensions.Agents;
using AIStudio.Extensions.Charts;
using AIStudio.Extensions.Datasets;
using AIStudio.Extensions.Deploy;
using AIStudio.Extensions.Grading;
using AIStudio.Extensions.Training;
using Microsoft.DotNet.Interactive;

namespace AIStudio.Kernel.Engine;

/// <summary>
/// The extensions every aistudio-kernel has without <c>#r</c> (issue 6): their magics and formatters on the root
/// kernel, their assemblies referenced by cells and their namespaces imported, so <c>Datasets.Load("penguins")</c>
/// works in a first cell. The same extensions load in any .NET Interactive kernel through their packages'
/// <c>extension.dib</c>; here the kernel calls their entry points itself, as the dotnet-interactive tool would.
/// </summary>
internal static class PreloadedExtensions
{
    /// <summary>
    /// Namespaces imported in every cell: the Datasets API and <c>DataFrame</c>, and the helpers its README shows without
    /// usings (<c>DataChecks</c>, <c>TypeInference</c>, <c>frame.Page(n)</c>); the chart helpers (<c>Charts.Scatter</c>)
    /// and Plotly.NET's C# API (<c>Chart.Point</c>; not also <c>Plotly.NET</c>, whose <c>Chart</c> would clash); the
    /// training helpers (<c>TrainingProgress</c>, <c>TorchTraining</c>, <c>Device.Best</c>, <c>MlNetTraining</c>,
    /// <c>OnnxModel</c>, <c>Models</c>); <c>Deploy.Hub</c>; <c>Agents.Create</c>. TorchSharp and ML.NET namespaces are left to the cell, as in
    /// their own docs.
    /// </summary>
    public static IReadOnlyList<string> Imports { get; } =
    [
        "AIStudio.Extensions.Datasets",
        "AIStudio.Extensions.Datasets.Analysis",
        "AIStudio.Extensions.Datasets.Display",
        "Microsoft.Data.Analysis",
        "AIStudio.Extensions.Charts",
        "Plotly.NET.CSharp",
        "AIStudio.Extensions.Training",
        "AIStudio.Extensions.Training.Progress",
        "AIStudio.Extensions.Training.Torch",
        "AIStudio.Extensions.Training.MlNet",
        "AIStudio.Extensions.Deploy",
        "AIStudio.Extensions.Agents",
    ];

    /// <summary>
    /// Assemblies cells compile against: the extension, Microsoft.Data.Analysis, and the assemblies whose types
    /// DataFrame's public surface exposes (it implements Microsoft.ML's <c>IDataView</c>, converts to and from Arrow
    /// record batches), without which the compiler reports CS0012 on ordinary member access.
    /// </summary>
    /// <remarks>
    /// Found by file name beside the extension rather than by <c>typeof(DataFrame)</c>: the compiler only reads their
    /// metadata, and the runtime need not load them until a cell uses them.
    /// </remarks>
    public static IReadOnlyList<string> AssemblyReferences() =>
    [
        .. Beside(typeof(Datasets).Assembly.Location, ["Microsoft.Data.Analysis", "Microsoft.ML.DataView", "Apache.Arrow"]),
        // Plotly.NET's traces and layouts derive from DynamicObj; FSharp.Core types appear in its signatures.
        .. Beside(typeof(Charts).Assembly.Location, ["Plotly.NET", "Plotly.NET.CSharp", "FSharp.Core", "DynamicObj"]),
        // TorchSharp, ML.NET (its context, data, trainers and transforms) and ONNX Runtime, which the helpers' signatures use.
        .. Beside(typeof(TrainingExtension).Assembly.Location, [
            "TorchSharp", "Microsoft.ML.Core", "Microsoft.ML.Data", "Microsoft.ML.StandardTrainers", "Microsoft.ML.Transforms",
            "Microsoft.ML.KMeansClustering", "Microsoft.ML.PCA", "Microsoft.ML.CpuMath", "Microsoft.ML.OnnxConverter",
            "Microsoft.ML.OnnxRuntime"]),
        .. Beside(typeof(DeployExtension).Assembly.Location, []),
        .. Beside(typeof(GradingExtension).Assembly.Location, []),
        // [KernelFunction] plugins written in cells.
        .. Beside(typeof(AgentsExtension).Assembly.Location, ["Microsoft.SemanticKernel.Abstractions", "Microsoft.SemanticKernel.Core", "Microsoft.Extensions.AI.Abstractions"]),
    ];

    /// <summary>An extension's assembly and its dependencies beside it.</summary>
    private static IEnumerable<string> Beside(string extension, string[] dependencies)
    {
        var directory = Path.GetDirectoryName(extension) ?? AppContext.BaseDirectory;
        var missing = dependencies.Where(name => !File.Exists(Path.Combine(directory, name + ".dll"))).ToList();
        if (missing.Count > 0)
        {
            // A build or publish that dropped them is broken: say which, rather than a compiler error in the first cell.
            throw new FileNotFoundException($"Dependencies of {Path.GetFileName(extension)} are missing beside it: {string.Join(", ", missing)}.dll.");
        }

        return [extension, .. dependencies.Select(name => Path.Combine(directory, name + ".dll"))];
    }

    /// <summary>Adds the extensions' magics (<c>#!dataset</c>, <c>#!device</c>, <c>#!deploy</c>, <c>#!check</c>, <c>#!agent</c>) and formatters (DataFrame as an HTML table, charts as Plotly figures) to the root kernel.</summary>
    public static void LoadInto(CompositeKernel kernel)
    {
        DatasetsExtension.Load(kernel);
        ChartsExtension.Load(kernel);
        TrainingExtension.Load(kernel);
        DeployExtension.Load(kernel);
        GradingExtension.Load(kernel);
        AgentsExtension.Load(kernel);
    }
}
