namespace AIStudio.Kernel.Engine;

/// <summary>Settings of the C# engine.</summary>
internal sealed record EngineOptions
{
    /// <summary>How long an interrupted cell may keep running after the engine cancelled it before the kernel gives up on it.</summary>
    public TimeSpan InterruptGracePeriod { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Assemblies referenced by every cell besides the defaults (extensions add theirs).</summary>
    public IReadOnlyList<string> ExtraAssemblyReferences { get; init; } = [];
}
