using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace AIStudio.Courses.Grading;

/// <summary>
/// Resident memory of a process and its descendants, from /proc (Linux): a sandboxed kernel is a child of bwrap, so the
/// launched process alone says little. RLIMIT_AS is no alternative: .NET reserves far more address space than it uses.
/// </summary>
/// <remarks>
/// Sampled every few tens of milliseconds while a submission grades, so a sample must be cheap next to the kernel it
/// watches: the tree's members are looked up again only every <see cref="RescanEvery"/> samples (through each member's
/// <c>/proc/PID/task/TID/children</c>, falling back to a scan of all of /proc where the kernel lacks that file), and a
/// sample in between reads one small <c>statm</c> file per member.
/// </remarks>
internal sealed class ProcessTreeMemory(int rootProcessId)
{
    /// <summary>Samples between two look-ups of the tree's members (a new child is counted from the next look-up on).</summary>
    internal const int RescanEvery = 10;

    private static readonly long PageSize = Environment.SystemPageSize;
    private int[] _members = [rootProcessId];
    private int _samples;

    public int RootProcessId { get; } = rootProcessId;

    /// <summary>RSS of the process and every descendant, in bytes; 0 where /proc is missing or the process is gone.</summary>
    public long ResidentBytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        if (_samples++ % RescanEvery == 0)
        {
            _members = Descendants(RootProcessId);
        }

        long total = 0;
        var gone = false;
        foreach (var pid in _members)
        {
            var bytes = ResidentOf(pid);
            gone |= bytes < 0;
            total += Math.Max(bytes, 0);
        }

        if (gone)
        {
            // A member exited (or a pid was reused): look the tree up again at the next sample.
            _samples = 0;
        }

        return total;
    }

    /// <summary>The root and all its descendants alive now.</summary>
    internal static int[] Descendants(int root)
    {
        var found = new List<int>();
        var seen = new HashSet<int>();
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            if (!seen.Add(pid))
            {
                continue;
            }

            found.Add(pid);
            if (ChildrenOf(pid) is not { } children)
            {
                return ScanAll(root);
            }

            foreach (var child in children)
            {
                pending.Push(child);
            }
        }

        return [.. found];
    }

    /// <summary>The children of every thread of <paramref name="pid"/>, or null where the kernel has no children files.</summary>
    private static List<int>? ChildrenOf(int pid)
    {
        var children = new List<int>();
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return children; // gone
        }

        foreach (var task in tasks)
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (FileNotFoundException)
            {
                return null; // no CONFIG_PROC_CHILDREN
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // the thread ended
            }

            foreach (var field in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var child))
                {
                    children.Add(child);
                }
            }
        }

        return children;
    }

    /// <summary>The descendants found from every process's parent in /proc/PID/stat.</summary>
    private static int[] ScanAll(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) is { } parent)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
        }

        var found = new List<int>();
        var seen = new HashSet<int>();
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            if (seen.Add(pid))
            {
                found.Add(pid);
                foreach (var child in children.GetValueOrDefault(pid) ?? [])
                {
                    pending.Push(child);
                }
            }
        }

        return [.. found];
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            var fields = stat[(end + 2)..].Split(' ', 3);
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Resident bytes from /proc/PID/statm ("size resident shared ..." in pages), or -1 when the process is gone.</summary>
    private static long ResidentOf(int pid)
    {
        Span<byte> buffer = stackalloc byte[256];
        int length;
        try
        {
            using SafeFileHandle handle = File.OpenHandle($"/proc/{pid}/statm", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            length = RandomAccess.Read(handle, buffer, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }

        var text = buffer[..length];
        var first = text.IndexOf((byte)' ');
        if (first < 0)
        {
            return 0;
        }

        var rest = text[(first + 1)..];
        var second = rest.IndexOf((byte)' ');
        var resident = second < 0 ? rest : rest[..second];
        return long.TryParse(resident, NumberStyles.None, CultureInfo.InvariantCulture, out var pages) ? pages * PageSize : 0;
    }
}
