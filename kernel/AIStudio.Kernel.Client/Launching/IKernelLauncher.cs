namespace AIStudio.Kernel.Client.Launching;

/// <summary>Starts kernels: local processes, pods, …. What was started is stopped and polled through <see cref="ILaunchedKernel"/>.</summary>
public interface IKernelLauncher
{
    /// <summary>Starts a kernel and returns as soon as it was started (not when it answers: use the connection's WaitForReadyAsync).</summary>
    Task<ILaunchedKernel> StartAsync(KernelLaunchRequest request, CancellationToken cancellationToken = default);
}
