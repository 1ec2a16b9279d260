using AIStudio.Kernel.Protocol.Connection;

namespace AIStudio.Kernel.Client.Launching;

/// <summary>
/// A way out of a kernel without network (<see cref="KernelLinks"/>): inside, the kernel listens on <see cref="Port"/>
/// of its own loopback (0: any) and relays to the Unix socket <c>{Name}.sock</c> in its socket folder; outside,
/// <see cref="Serve"/> is given that socket's path before the kernel starts and listens on it, until the kernel exits
/// (what it returns is disposed then).
/// </summary>
public sealed record KernelLink(string Name, int Port, Func<string, IAsyncDisposable> Serve);
