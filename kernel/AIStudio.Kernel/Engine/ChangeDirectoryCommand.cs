using Microsoft.DotNet.Interactive.Commands;

namespace AIStudio.Kernel.Engine;

/// <summary>
/// <c>#!cd PATH</c>: changes the kernel's working directory, as IPython's <c>%cd</c>, without compiling anything. The hub
/// moves a kernel from its warm pool to the owner's notebook folder with it.
/// </summary>
public sealed class ChangeDirectoryCommand : KernelCommand
{
    public string Path { get; set; } = string.Empty;
}
