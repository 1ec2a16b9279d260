namespace AIStudio.Extensions.Agents.Tests;

/// <summary>The assemblies a notebook's cells compile against when they use the extension.</summary>
internal static class References
{
    public static IReadOnlyList<string> All { get; } =
    [
        typeof(AgentsExtension).Assembly.Location,
        typeof(Microsoft.SemanticKernel.KernelFunctionAttribute).Assembly.Location,
        typeof(Microsoft.SemanticKernel.Kernel).Assembly.Location,
        typeof(Microsoft.Extensions.AI.AIFunction).Assembly.Location,
        typeof(AIStudio.Extensions.Datasets.Datasets).Assembly.Location,
        typeof(Microsoft.Data.Analysis.DataFrame).Assembly.Location,
    ];
}
