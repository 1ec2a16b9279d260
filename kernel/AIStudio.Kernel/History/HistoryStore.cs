using System.Text.Json;
using System.Text.RegularExpressions;
using AIStudio.Kernel.Hosting;

namespace AIStudio.Kernel.History;

/// <summary>
/// The kernel's input history, as IPython keeps it: numbered sessions (one per kernel start) of numbered lines,
/// persisted as JSON lines in a file so that tail, range and search see earlier sessions too. The file is read
/// lazily — never on the start-up path — and a file that can't be written leaves history in memory only.
/// </summary>
internal sealed class HistoryStore(string? path, KernelLog log) : IDisposable
{
    private const int MaxLoadedEntries = 100_000;

    private readonly Lock _gate = new();
    private List<HistoryEntry>? _entries;
    private int _session;
    private StreamWriter? _writer;
    private bool _writable = path is not null;

    /// <summary>The number of this kernel's session (1 + the highest in the file).</summary>
    public int Session
    {
        get
        {
            lock (_gate)
            {
                EnsureLoaded();
                return _session;
            }
        }
    }

    public void Add(int line, string input, string? output)
    {
        lock (_gate)
        {
            EnsureLoaded();
            var entry = new HistoryEntry(_session, line, input, output);
            _entries!.Add(entry);
            Persist(entry);
        }
    }

    /// <summary>The last <paramref name="n"/> entries (of all sessions), oldest first.</summary>
    public IReadOnlyList<HistoryEntry> Tail(int n)
    {
        lock (_gate)
        {
            EnsureLoaded();
            return _entries!.Skip(Math.Max(0, _entries!.Count - Math.Max(0, n))).ToList();
        }
    }

    /// <summary>Lines [start, stop) of a session; session 0 is this one, negative counts back from it.</summary>
    public IReadOnlyList<HistoryEntry> Range(int session, int start, int? stop)
    {
        lock (_gate)
        {
            EnsureLoaded();
            var wanted = session <= 0 ? _session + session : session;
            return _entries!.Where(e => e.Session == wanted && e.Line >= start && (stop is null || e.Line < stop)).ToList();
        }
    }

    /// <summary>Entries whose input matches a glob pattern (* and ?), the last <paramref name="n"/> of them.</summary>
    public IReadOnlyList<HistoryEntry> Search(string pattern, int? n, bool unique)
    {
        var regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        lock (_gate)
        {
            EnsureLoaded();
            IEnumerable<HistoryEntry> found = _entries!.Where(e => regex.IsMatch(e.Input));
            if (unique)
            {
                // Keep the latest occurrence of each input.
                found = found.Reverse().DistinctBy(e => e.Input, StringComparer.Ordinal).Reverse();
            }

            var list = found.ToList();
            return n is > 0 ? list.Skip(Math.Max(0, list.Count - n.Value)).ToList() : list;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    private void EnsureLoaded()
    {
        if (_entries is not null)
        {
            return;
        }

        _entries = [];
        var highest = 0;
        if (path is not null && File.Exists(path))
        {
            try
            {
                foreach (var line in File.ReadLines(path))
                {
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }

                    try
                    {
                        if (JsonSerializer.Deserialize(line, HistoryJson.Default.HistoryEntry) is { } entry)
                        {
                            _entries.Add(entry);
                            highest = Math.Max(highest, entry.Session);
                        }
                    }
                    catch (JsonException)
                    {
                        // A torn last line (a kernel killed mid-write) is skipped, not fatal.
                    }
                }

                if (_entries.Count > MaxLoadedEntries)
                {
                    _entries.RemoveRange(0, _entries.Count - MaxLoadedEntries);
                }
            }
            catch (IOException e)
            {
                log.Warn($"Could not read the history file: {e.Message}");
            }
            catch (UnauthorizedAccessException e)
            {
                log.Warn($"Could not read the history file: {e.Message}");
            }
        }

        _session = highest + 1;
    }

    private void Persist(HistoryEntry entry)
    {
        if (!_writable || path is null)
        {
            return;
        }

        try
        {
            if (_writer is null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                _writer = new StreamWriter(stream) { AutoFlush = true };
            }

            _writer.WriteLine(JsonSerializer.Serialize(entry, HistoryJson.Default.HistoryEntry));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _writable = false;
            log.Warn($"History is kept in memory only: the history file can't be written ({e.Message}).");
        }
    }
}
