using Microsoft.DotNet.Interactive.Commands;

namespace AIStudio.Kernel.Engine;

/// <summary>
/// <c>#!set-env --name NAME --value VALUE</c>: sets an environment variable of the kernel's process, as IPython's
/// <c>%set_env</c>, without compiling anything (<c>--value</c> left out removes the variable). The hub hands a kernel taken
/// from its warm pool its owner's variables with it.
/// </summary>
public sealed class SetEnvironmentCommand : KernelCommand
{
    public string Name { get; set; } = string.Empty;

    public string? Value { get; set; }
}
