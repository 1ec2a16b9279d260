using AIStudio.Kernel.History;
using AIStudio.Kernel.Hosting;
using AIStudio.TestKit;

namespace AIStudio.Kernel.Tests.Unit;

/// <summary>The history file: sessions numbered across kernel starts, tail/range/search, damaged lines skipped.</summary>
public sealed class HistoryStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly KernelLog _log = new(TextWriter.Null, TimeProvider.System, verbose: false);

    private string FilePath => Path.Combine(_directory.Path, "history.jsonl");

    [Fact]
    public void A_second_kernel_continues_with_the_next_session_and_sees_the_first()
    {
        using (var first = new HistoryStore(FilePath, _log))
        {
            first.Add(1, "var a = 1;", null);
            first.Add(2, "a + 1", "2");
            Assert.Equal(1, first.Session);
        }

        using var second = new HistoryStore(FilePath, _log);
        second.Add(1, "a * 3", "3");

        Assert.Equal(2, second.Session);
        Assert.Equal(["a + 1", "a * 3"], second.Tail(2).Select(e => e.Input));
        Assert.Equal([("var a = 1;", 1)], second.Range(-1, 1, 2).Select(e => (e.Input, e.Session)));
        Assert.Equal(["a * 3"], second.Range(0, 1, null).Select(e => e.Input));
    }

    [Fact]
    public void Search_uses_globs_and_unique_keeps_the_latest_of_each_input()
    {
        using var store = new HistoryStore(FilePath, _log);
        store.Add(1, "6*7", "42");
        store.Add(2, "6 * 7", "42");
        store.Add(3, "6*7", "42");
        store.Add(4, "1+1", "2");

        Assert.Equal(3, store.Search("6*7", n: null, unique: false).Count);
        Assert.Equal([3, 2], store.Search("6*7", n: null, unique: true).Select(e => e.Line).Order().Reverse());
        Assert.Equal([4], store.Search("?+?", n: 1, unique: false).Select(e => e.Line));
    }

    [Fact]
    public void A_torn_line_in_the_file_is_skipped_and_the_rest_is_kept()
    {
        File.WriteAllText(FilePath, "{\"session\":4,\"line\":1,\"input\":\"x\"}\n{\"session\":4,\"li");

        using var store = new HistoryStore(FilePath, _log);

        Assert.Equal(5, store.Session);
        Assert.Equal(["x"], store.Tail(10).Select(e => e.Input));
    }

    [Fact]
    public void Without_a_file_history_is_kept_in_memory()
    {
        using var store = new HistoryStore(null, _log);
        store.Add(1, "1+1", "2");

        Assert.Equal(["1+1"], store.Tail(5).Select(e => e.Input));
    }

    public void Dispose() => _directory.Dispose();
}
