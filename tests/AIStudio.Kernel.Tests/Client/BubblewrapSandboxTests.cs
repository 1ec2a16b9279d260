using System.Diagnostics;
using AIStudio.Kernel.Client.Launching;
using AIStudio.TestKit;

namespace AIStudio.Kernel.Tests.Client;

/// <summary>The bubblewrap sandbox, run for real: what the wrapped program can read and write.</summary>
public sealed class BubblewrapSandboxTests : IDisposable
{
    private readonly TempDirectory _root = new("aistudio-sandbox-test");

    public void Dispose() => _root.Dispose();

    private static (int ExitCode, string Output) Run(KernelProcessCommand command)
    {
        var start = new ProcessStartInfo(command.Arguments[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    [Fact]
    public void The_program_sees_its_own_files_even_under_tmp_and_hidden_paths_and_nothing_else_of_them()
    {
        Assert.True(BubblewrapSandbox.IsAvailable(), "bwrap must work here (the test command installs bubblewrap)");
        var data = Directory.CreateDirectory(Path.Combine(_root.Path, "data")).FullName;
        var secret = Path.Combine(data, "hub.db");
        File.WriteAllText(secret, "secret");
        var program = Directory.CreateDirectory(Path.Combine(_root.Path, "bin")).FullName;
        var script = Path.Combine(program, "probe.sh");
        File.WriteAllText(script, "cat \"$1\" 2>/dev/null || echo no-secret; echo written > \"$2/out.txt\" && echo wrote; touch /etc/escape 2>/dev/null || echo read-only\n");
        var work = Directory.CreateDirectory(Path.Combine(data, "contents", "user")).FullName;
        var runtime = Directory.CreateDirectory(Path.Combine(data, "runtime")).FullName;

        var sandbox = new BubblewrapSandbox(new BubblewrapOptions { HiddenPaths = [data], MemoryLimitBytes = 1L << 30 });
        var command = sandbox.Wrap(new KernelProcessCommand(["/bin/sh", script, secret, work], work, new Dictionary<string, string?>()), runtime);
        var (exitCode, output) = Run(command);

        Assert.Equal(0, exitCode);
        Assert.Contains("no-secret", output, StringComparison.Ordinal);
        Assert.Contains("wrote", output, StringComparison.Ordinal);
        Assert.Contains("read-only", output, StringComparison.Ordinal);
        Assert.Equal("written\n", File.ReadAllText(Path.Combine(work, "out.txt")));
        Assert.Equal("0x40000000", command.Environment["DOTNET_GCHeapHardLimit"]);
    }
}
