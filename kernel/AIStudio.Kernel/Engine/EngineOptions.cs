namespace AIStudio.Kernel.Engine;

/// <summary>Settings of the C# engine.</summary>
internal sealed record EngineOptions
{
    /// <summary>How long an interrupted cell may keep running after the engine cancelled it before the kernel gives up on it.</summary>
    public TimeSpan InterruptGracePeriod { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Runs cells on .NET Interactive's own C# kernel instead of ours (<see cref="ScriptingCSharpKernel"/>): for
    /// comparison (set AISTUDIO_CSHARP_KERNEL=dotnet-interactive); it is slower per cell and grows without bound.
    /// </summary>
    public bool UseDotNetInteractiveCSharpKernel { get; init; }

    /// <summary>Assemblies referenced by every cell besides the defaults (extensions add theirs).</summary>
    public IReadOnlyList<string> ExtraAssemblyReferences { get; init; } = [];
}
