using AIStudio.Kernel.Client.Launching;
using AIStudio.Kernel.Client.Specs;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Kernel.Tests.Client;

/// <summary>
/// Kernels are forked from one long-lived thread: Linux sends the parent-death signal (bubblewrap's --die-with-parent,
/// setpriv --pdeathsig) when the forking thread ends, and the thread pool retires idle threads.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LauncherThreadTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new("aistudio-launcher-thread");
    private readonly TestLog _log = new();

    [Fact]
    public async Task Every_launch_runs_on_the_same_dedicated_thread_not_on_the_callers_or_the_pools()
    {
        var threads = new List<(int Id, bool Pool, bool Background)>();
        for (var i = 0; i < 3; i++)
        {
            threads.Add(await Task.Run(() => LauncherThread.RunAsync(() =>
                (Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.IsBackground))));
        }

        Assert.Single(threads.Distinct());
        Assert.False(threads[0].Pool);
        Assert.True(threads[0].Background);
        Assert.NotEqual(Environment.CurrentManagedThreadId, threads[0].Id);
    }

    [Fact]
    public async Task What_the_launch_throws_reaches_the_caller_and_the_thread_goes_on()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LauncherThread.RunAsync<int>(() => throw new InvalidOperationException("boom")));
        Assert.Equal("boom", error.Message);
        Assert.Equal(42, await LauncherThread.RunAsync(() => 42));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_kernel_outlives_the_thread_that_asked_for_it_sandboxed_or_not(bool sandboxed)
    {
        if (sandboxed)
        {
            Assert.True(BubblewrapSandbox.IsAvailable(), "bwrap must work here (the test command installs bubblewrap)");
        }

        _log.Attach(output);
        var launcher = new LocalProcessLauncher(
            new LocalProcessLauncherOptions
            {
                RuntimeDirectory = _directory.Combine("runtime"),
                Sandbox = sandboxed ? new BubblewrapSandbox(new BubblewrapOptions()) : NoSandbox.Instance,
            },
            _log);
        var request = new KernelLaunchRequest { Spec = new KernelSpec { Argv = ["/bin/sleep", "600"] }, WorkingDirectory = _directory.Path };

        LocalKernelProcess? kernel = null;
        var caller = new Thread(() => kernel = launcher.StartProcessAsync(request).GetAwaiter().GetResult());
        caller.Start();
        caller.Join();
        await using var started = kernel!;

        // Long enough for the parent-death signal to have been set and, were it tied to the caller, delivered.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(await started.HasExitedAsync(), $"the kernel exited with {started.ExitCode}");
        Assert.Contains(_log.Lines, line => line.Contains(sandboxed ? "--die-with-parent" : "setpriv --pdeathsig KILL", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _directory.Dispose();
        _log.Dispose();
    }
}
