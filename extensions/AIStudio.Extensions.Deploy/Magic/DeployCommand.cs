using Microsoft.DotNet.Interactive.Commands;

namespace AIStudio.Extensions.Deploy.Magic;

/// <summary><c>#!deploy NAME --onnx PATH [--note TEXT]</c>.</summary>
public sealed class DeployCommand : KernelDirectiveCommand
{
    public string Name { get; set; } = "";

    /// <summary>The ONNX file to publish as the next version.</summary>
    public string Onnx { get; set; } = "";

    public string? Note { get; set; }
}
