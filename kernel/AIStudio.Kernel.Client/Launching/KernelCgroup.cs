using System.Globalization;

namespace AIStudio.Kernel.Client.Launching;

/// <summary>
/// A control group of one kernel, <c>{root}/{controller}/aistudio/{kernel id}</c> on cgroup v1 (the cpu, memory and pids
/// hierarchies) or <c>{root}/aistudio/{kernel id}</c> on a pure cgroup v2 tree, holding <see cref="KernelResourceLimits"/>.
/// The kernel's command is wrapped in <c>sh -c</c>, which joins the group and then execs the command, so every process
/// the kernel (and its sandbox) starts is in it from the first instruction. Limits can be changed while the kernel runs
/// (a warm kernel gets its owner's plan when it is claimed). Removed when the kernel has exited.
/// </summary>
public sealed class KernelCgroup : IDisposable
{
    private const long Period = 100_000; // µs, the kernel's default CFS period
    private static readonly string[] Controllers = ["cpu", "memory", "pids"];
    private readonly string[] _directories;
    private readonly bool _v2;
    private int _disposed;

    private KernelCgroup(string[] directories, bool v2)
    {
        _directories = directories;
        _v2 = v2;
    }

    /// <summary>The group's folders, one per controller (one on cgroup v2).</summary>
    public IReadOnlyList<string> Directories => _directories;

    /// <summary>Why no group can be made under <paramref name="root"/> (null when one can): for the log and for a clear error.</summary>
    public static string? Unavailable(string root)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "control groups are a Linux feature";
        }

        if (File.Exists(Path.Combine(root, "cgroup.controllers")))
        {
            var controllers = File.ReadAllText(Path.Combine(root, "cgroup.controllers")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var missing = Controllers.Except(controllers).ToList();
            return missing.Count == 0 ? Writable(root) : $"the cgroup v2 tree at {root} lacks the {string.Join(", ", missing)} controller(s)";
        }

        foreach (var controller in Controllers)
        {
            var directory = Path.Combine(root, controller);
            if (!File.Exists(Path.Combine(directory, "cgroup.procs")))
            {
                return $"no cgroup v1 '{controller}' hierarchy at {directory}";
            }

            if (Writable(directory) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>Makes the group of kernel <paramref name="kernelId"/> with <paramref name="limits"/>.</summary>
    public static KernelCgroup Create(string root, string kernelId, KernelResourceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (kernelId.Length == 0 || kernelId.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            throw new ArgumentException($"A kernel id for a cgroup is letters, digits and hyphens, not '{kernelId}'.", nameof(kernelId));
        }

        var v2 = File.Exists(Path.Combine(root, "cgroup.controllers"));
        string[] directories;
        if (v2)
        {
            var parent = Path.Combine(root, "aistudio");
            Directory.CreateDirectory(parent);
            // The parent hands the controllers down to the kernels' groups (v2's "no internal processes" rule: it holds none).
            File.WriteAllText(Path.Combine(parent, "cgroup.subtree_control"), "+cpu +memory +pids");
            directories = [Path.Combine(parent, kernelId)];
        }
        else
        {
            directories = [.. Controllers.Select(c => Path.Combine(root, c, "aistudio", kernelId))];
        }

        foreach (var directory in directories)
        {
            Directory.CreateDirectory(directory);
        }

        var group = new KernelCgroup(directories, v2);
        try
        {
            group.Apply(limits);
        }
        catch
        {
            group.Dispose();
            throw;
        }

        return group;
    }

    /// <summary>Sets the limits (null ones lifted), e.g. for the plan of the user who claimed a warm kernel.</summary>
    public void Apply(KernelResourceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var quota = limits.CpuCores is { } cores ? Math.Max(1000, (long)Math.Round(cores * Period)) : (long?)null;
        if (_v2)
        {
            var directory = _directories[0];
            Write(directory, "cpu.max", quota is { } q ? $"{q} {Period}" : $"max {Period}");
            Write(directory, "memory.max", limits.MemoryBytes?.ToString(CultureInfo.InvariantCulture) ?? "max");
            Write(directory, "memory.swap.max", limits.MemoryBytes is null ? "max" : "0", optional: true);
            Write(directory, "pids.max", limits.MaxProcesses?.ToString(CultureInfo.InvariantCulture) ?? "max");
            return;
        }

        var (cpu, memory, pids) = (_directories[0], _directories[1], _directories[2]);
        Write(cpu, "cpu.cfs_period_us", Period.ToString(CultureInfo.InvariantCulture));
        Write(cpu, "cpu.cfs_quota_us", (quota ?? -1).ToString(CultureInfo.InvariantCulture));
        // memsw (memory + swap) must stay ≥ the memory limit: raise it first when it grows, after when it shrinks.
        var bytes = (limits.MemoryBytes ?? -1).ToString(CultureInfo.InvariantCulture);
        Write(memory, "memory.memsw.limit_in_bytes", bytes, optional: true);
        Write(memory, "memory.limit_in_bytes", bytes);
        Write(memory, "memory.memsw.limit_in_bytes", bytes, optional: true);
        Write(pids, "pids.max", limits.MaxProcesses?.ToString(CultureInfo.InvariantCulture) ?? "max");
    }

    /// <summary>The command, run so that it joins this group first (<c>sh -c 'echo $$ &gt; …/cgroup.procs; exec "$@"'</c>).</summary>
    public KernelProcessCommand Wrap(KernelProcessCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        // The folders are made of fixed parts and a checked kernel id: nothing in them needs quoting beyond '…'.
        var joins = string.Concat(_directories.Select(d => $"echo $$ > '{Path.Combine(d, "cgroup.procs")}' || exit 125; "));
        return command with { Arguments = ["/bin/sh", "-c", joins + "exec \"$@\"", "sh", .. command.Arguments] };
    }

    /// <summary>Removes the group's folders (possible once its processes have gone; retried for a moment while they exit).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        for (var attempt = 0; attempt < 50; attempt++)
        {
            var left = 0;
            foreach (var directory in _directories)
            {
                try
                {
                    if (Directory.Exists(directory))
                    {
                        Directory.Delete(directory);
                    }
                }
                catch (IOException)
                {
                    left++;
                }
            }

            if (left == 0)
            {
                return;
            }

            Thread.Sleep(20);
        }
    }

    private static void Write(string directory, string file, string value, bool optional = false)
    {
        var path = Path.Combine(directory, file);
        if (optional && !File.Exists(path))
        {
            return;
        }

        try
        {
            File.WriteAllText(path, value);
        }
        catch (IOException) when (optional)
        {
        }
    }

    private static string? Writable(string directory)
    {
        try
        {
            var probe = Path.Combine(directory, "aistudio", "probe-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot make control groups under {directory}: {e.Message}";
        }
    }
}
