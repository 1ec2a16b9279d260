using System.Globalization;

namespace AIStudio.Hub.Tests;

/// <summary>Processes as Linux's /proc shows them: a process's parent, its descendants, its command line.</summary>
public static class ProcessTree
{
    public static bool Exists(int pid) => File.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat") && !IsZombie(pid);

    /// <summary>The parent's id (the fourth field of /proc/PID/stat, after the command's parenthesised name).</summary>
    public static int? ParentOf(int pid)
    {
        var stat = Read($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        if (stat is null)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], CultureInfo.InvariantCulture);
    }

    public static IReadOnlyList<int> DescendantsOf(int pid)
    {
        var parents = Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name is { Length: > 0 } && name.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Select(p => (Pid: p, Parent: ParentOf(p)))
            .Where(p => p.Parent is not null)
            .ToLookup(p => p.Parent!.Value, p => p.Pid);
        var found = new List<int>();
        var next = new Queue<int>([pid]);
        while (next.TryDequeue(out var current))
        {
            foreach (var child in parents[current])
            {
                found.Add(child);
                next.Enqueue(child);
            }
        }

        return found;
    }

    public static string CommandLine(int pid) =>
        Read($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline")?.Replace('\0', ' ') ?? "";

    private static bool IsZombie(int pid)
    {
        var stat = Read($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        return stat is null || stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
