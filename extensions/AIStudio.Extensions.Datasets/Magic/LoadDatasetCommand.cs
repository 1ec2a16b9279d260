using Microsoft.DotNet.Interactive.Commands;

namespace AIStudio.Extensions.Datasets.Magic;

/// <summary><c>#!dataset load NAME [--as VAR]</c>.</summary>
public sealed class LoadDatasetCommand : KernelDirectiveCommand
{
    public string Name { get; set; } = "";

    /// <summary>The C# variable to declare (none: the frame is only displayed).</summary>
    public string? As { get; set; }
}
