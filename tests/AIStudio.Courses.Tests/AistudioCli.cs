using System.Diagnostics;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Courses.Tests;

/// <summary>The built <c>aistudio</c> command-line tool, run as a process the way a user runs it.</summary>
internal static class AistudioCli
{
    public static string Tool => Path.Combine(RepositoryLayout.RootDirectory, "hub", "AIStudio.Cli", "bin", RepositoryLayout.Configuration, "net10.0", "aistudio.dll");

    /// <summary>Runs <c>aistudio ARGUMENTS</c>; its exit code and stdout + stderr (also written to the test's output). Killed past <paramref name="limit"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(ITestOutputHelper output, TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo(RepositoryLayout.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Tool);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = Timeouts.After(limit);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await stdout + await stderr;
        output.WriteLine($"aistudio {string.Join(' ', arguments)} → {process.ExitCode}\n{text}");
        return (process.ExitCode, text);
    }
}
