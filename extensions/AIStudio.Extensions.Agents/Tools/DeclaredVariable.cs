namespace AIStudio.Extensions.Agents.Tools;

/// <summary>A variable that code run by an agent declared, with its value, in the kernel named <see cref="KernelName"/>.</summary>
internal sealed record DeclaredVariable(string KernelName, string Name, object? Value);
