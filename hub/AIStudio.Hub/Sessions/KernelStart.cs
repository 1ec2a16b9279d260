using AIStudio.Hub.Kernels;

namespace AIStudio.Hub.Sessions;

/// <summary>Starts a kernel of the named spec (null: the default) for the notebook at the path, for the session's owner.</summary>
public delegate Task<ManagedKernel> KernelStart(string? kernelName, string path, CancellationToken cancellationToken);
