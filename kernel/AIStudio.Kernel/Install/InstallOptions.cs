namespace AIStudio.Kernel.Install;

/// <summary>Options of `aistudio-kernel install`.</summary>
internal sealed record InstallOptions
{
    public string Name { get; init; } = KernelSpecInstaller.DefaultName;

    public string DisplayName { get; init; } = KernelSpecInstaller.DefaultDisplayName;

    public string? Prefix { get; init; }

    public bool SysPrefix { get; init; }

    public bool Gpu { get; init; }
}
