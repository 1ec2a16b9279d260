using System.Net.Sockets;
using AIStudio.Kernel.Client.Launching;
using AIStudio.Kernel.Client.Specs;
using AIStudio.TestKit;

namespace AIStudio.Courses.Tests;

/// <summary>
/// A launcher whose first <c>failures</c> starts fail the way a port race makes them fail (the ports taken, or a kernel
/// that exits before it answers), and whose later starts are real local kernel processes.
/// </summary>
internal sealed class FlakyLauncher(TempDirectory runtime, int failures, bool exitInsteadOfThrow = false) : IKernelLauncher
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public async Task<ILaunchedKernel> StartAsync(KernelLaunchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = Interlocked.Increment(ref _calls);
        var launcher = new LocalProcessLauncher(
            new LocalProcessLauncherOptions { RuntimeDirectory = runtime.Combine($"runtime-{call}") },
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        if (call > failures)
        {
            return await launcher.StartProcessAsync(request, cancellationToken);
        }

        if (!exitInsteadOfThrow)
        {
            throw new SocketException((int)SocketError.AddressAlreadyInUse);
        }

        // What a kernel does when a port it was given is already bound: it exits before it answers anything.
        var exiting = new KernelSpec { Argv = ["/bin/sh", "-c", "exit 3"], DisplayName = "exits", Language = "csharp", Name = "exits" };
        return await launcher.StartProcessAsync(request with { Spec = exiting }, cancellationToken);
    }
}
