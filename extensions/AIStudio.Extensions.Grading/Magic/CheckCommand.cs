using Microsoft.DotNet.Interactive.Commands;

namespace AIStudio.Extensions.Grading.Magic;

/// <summary><c>#!check [--notebook PATH]</c>.</summary>
public sealed class CheckCommand : KernelDirectiveCommand
{
    /// <summary>The assignment notebook; by default the kernel's session notebook or the only one in the working directory.</summary>
    public string? Notebook { get; set; }
}
