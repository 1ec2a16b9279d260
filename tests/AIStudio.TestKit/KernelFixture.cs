using AIStudio.Kernel.Client.Connection;
using Xunit.Abstractions;

namespace AIStudio.TestKit;

/// <summary>
/// One kernel shared by the tests of a class (IClassFixture): started before the first, killed after the last.
/// Tests attach their output with <see cref="AttachOutput"/> to see the kernel's log.
/// </summary>
public class KernelFixture : IAsyncLifetime
{
    private KernelUnderTest? _kernel;

    public KernelUnderTest Kernel => _kernel ?? throw new InvalidOperationException("The kernel fixture is not initialized.");

    public KernelConnection Connection => Kernel.Connection;

    public IDisposable AttachOutput(ITestOutputHelper output) => Kernel.Log.Attach(output);

    public async Task InitializeAsync()
    {
        using var timeout = Timeouts.After(Timeouts.Ready);
        _kernel = await KernelUnderTest.StartAsync(timeout.Token).ConfigureAwait(false);
        await OnStartedAsync(_kernel).ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (_kernel is not null)
        {
            await _kernel.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs once the kernel answers: a fixture can warm the compiler or define state here.</summary>
    protected virtual Task OnStartedAsync(KernelUnderTest kernel) => Task.CompletedTask;
}
