using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

/// <summary>A hub process started by a test: what it printed, and the address it listens on once it says so. Disposing kills it.</summary>
internal sealed partial class LaunchedHub : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _printed = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LaunchedHub(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The hub's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Everything the hub printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_printed)
            {
                return _printed.ToString();
            }
        }
    }

    /// <summary>Starts the hub (its output redirected; the lifetime's "Now listening on" line must be logged).</summary>
    public static LaunchedHub Start(ProcessStartInfo start) => new(Process.Start(start) ?? throw new InvalidOperationException("The hub process did not start."));

    /// <summary>The address from the hub's "Now listening on" line.</summary>
    public Task<string> ListeningAsync(CancellationToken cancellationToken) => _listening.Task.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            using var exit = Timeouts.After(Timeouts.Exit);
            await _process.WaitForExitAsync(exit.Token);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_printed)
        {
            _printed.AppendLine(line);
        }

        if (Listening().Match(line) is { Success: true } address)
        {
            _listening.TrySetResult(address.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
