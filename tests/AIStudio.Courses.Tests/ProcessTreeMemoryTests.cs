using System.Diagnostics;
using AIStudio.Courses.Grading;

namespace AIStudio.Courses.Tests;

/// <summary>The memory sampler behind the grader's memory cap, on real process trees (Linux).</summary>
public sealed class ProcessTreeMemoryTests
{
    [Fact]
    public async Task A_tree_is_found_through_its_children_and_its_memory_summed()
    {
        Assert.True(OperatingSystem.IsLinux(), "The grader's memory cap samples /proc (Linux).");
        // sh → two sleeps: a root with two children, as bwrap → kernel (→ its own children) is.
        using var root = Start("sleep 60 & sleep 60 & wait");
        var children = await WaitForAsync(() => ProcessTreeMemory.Descendants(root.Id), found => found.Length == 3);

        Assert.Equal(root.Id, children[0]);
        Assert.Equal(3, children.Distinct().Count());
        var tree = new ProcessTreeMemory(root.Id);
        var total = tree.ResidentBytes();
        var rootOnly = Resident(root.Id);
        Assert.True(total > rootOnly && rootOnly > 0, $"tree {total} B, root alone {rootOnly} B");
    }

    [Fact]
    public async Task A_child_started_after_the_first_sample_is_counted_within_a_rescan()
    {
        Assert.True(OperatingSystem.IsLinux(), "The grader's memory cap samples /proc (Linux).");
        // The root waits (in the shell's builtin read, no child) until the first sample is taken, then starts its child.
        using var root = Start("read go; sleep 60 & wait", redirectInput: true);
        var tree = new ProcessTreeMemory(root.Id);
        var first = tree.ResidentBytes();
        Assert.Equal([root.Id], ProcessTreeMemory.Descendants(root.Id));
        await root.WriteLineAsync("go");
        await WaitForAsync(() => ProcessTreeMemory.Descendants(root.Id), found => found.Length == 2);

        long later = 0;
        for (var i = 0; i < ProcessTreeMemory.RescanEvery; i++)
        {
            later = tree.ResidentBytes();
        }

        Assert.True(later > first, $"after a rescan {later} B, first sample {first} B");
    }

    [Fact]
    public void A_process_that_is_gone_measures_zero()
    {
        using var gone = Start("exit 0");
        gone.WaitForExit();
        Assert.Equal(0, new ProcessTreeMemory(gone.Id).ResidentBytes());
    }

    private static Tree Start(string script, bool redirectInput = false)
    {
        var start = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script }, RedirectStandardInput = redirectInput };
        return new Tree(Process.Start(start) ?? throw new InvalidOperationException("sh did not start"));
    }

    private static long Resident(int pid) =>
        long.Parse(File.ReadAllText($"/proc/{pid}/statm").Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;

    private static async Task<int[]> WaitForAsync(Func<int[]> probe, Func<int[], bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var found = probe();
        while (!done(found) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            found = probe();
        }

        Assert.True(done(found), $"found [{string.Join(", ", found)}]");
        return found;
    }

    /// <summary>A started shell, killed with its children when the test ends.</summary>
    private sealed class Tree(Process process) : IDisposable
    {
        public int Id => process.Id;

        public void WaitForExit() => process.WaitForExit();

        public async Task WriteLineAsync(string line)
        {
            await process.StandardInput.WriteLineAsync(line);
            await process.StandardInput.FlushAsync();
        }

        public void Dispose()
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }
    }
}
