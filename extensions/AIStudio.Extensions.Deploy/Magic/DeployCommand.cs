using Microsoft.DotNet.Interactive.Commands;

namespace AIStudio.Extensions.Deploy.Magic;

/// <summary><c>#!deploy NAME --onnx PATH [--note TEXT] [--export DIR]</c> or <c>#!deploy NAME --function [--note TEXT]</c>.</summary>
public sealed class DeployCommand : KernelDirectiveCommand
{
    public string Name { get; set; } = "";

    /// <summary>The ONNX file to publish as the next version.</summary>
    public string Onnx { get; set; } = "";

    /// <summary>Publish the rest of the cell, a C# function, as the next version.</summary>
    public bool Function { get; set; }

    public string? Note { get; set; }

    /// <summary>Where to write a self-contained server (project, Dockerfile, Kubernetes manifest) instead of publishing to the hub.</summary>
    public string? Export { get; set; }
}
