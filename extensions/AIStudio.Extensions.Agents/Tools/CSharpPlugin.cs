using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace AIStudio.Extensions.Agents.Tools;

/// <summary>The C# tool as the model sees it.</summary>
internal sealed class CSharpPlugin
{
    [KernelFunction("run")]
    [Description("Runs C# script code in the user's notebook kernel, like a notebook cell, and returns what it printed (Console.WriteLine), the value of its last expression, or its error. " +
        "Variables of earlier cells are visible; variables you declare stay in the notebook. Datasets.Load(\"name\") returns a Microsoft.Data.Analysis.DataFrame.")]
    public static Task<string> RunAsync(
        [Description("C# statements; end with an expression (no semicolon) to return its value")] string code,
        CancellationToken cancellationToken) =>
        KernelCodeRunner.RunAsync(code, cancellationToken);
}
