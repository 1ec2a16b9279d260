using AIStudio.Hub.Contents;
using AIStudio.Hub.Hosting;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

public sealed class ContentsPathTests : IDisposable
{
    private readonly TempDirectory _data = new("aistudio-contents-test");
    private readonly ContentsStore _store;

    public ContentsPathTests() => _store = new ContentsStore(_data.Path);

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("a/../../etc/passwd")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("./x")]
    [InlineData(".hidden")]
    [InlineData("a\\..\\..\\x")]
    [InlineData("/../x")]
    public void Paths_that_could_leave_the_root_are_not_found(string path)
    {
        var e = Assert.Throws<HubApiException>(() => _store.Resolve(path));
        Assert.Equal(404, e.StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_symbolic_link_out_of_the_root_is_not_followed()
    {
        using var outside = new TempDirectory("aistudio-outside");
        File.WriteAllText(outside.Combine("secret.txt"), "secret");
        Directory.CreateSymbolicLink(Path.Combine(_store.RootDirectory, "link"), outside.Path);
        File.CreateSymbolicLink(Path.Combine(_store.RootDirectory, "file-link.txt"), outside.Combine("secret.txt"));
        File.WriteAllText(Path.Combine(_store.RootDirectory, "kept.txt"), "mine");
        File.WriteAllText(Path.Combine(_store.RootDirectory, "locked.txt"), "read only");
        File.SetUnixFileMode(Path.Combine(_store.RootDirectory, "locked.txt"), UnixFileMode.UserRead);
        var e = Assert.Throws<HubApiException>(() => _store.Get("link/secret.txt", content: true, type: null, format: null));
        Assert.Equal(404, e.StatusCode);
        var listing = (IEnumerable<ContentsModel>)_store.Get("", content: true, type: null, format: null).Content!;
        Assert.DoesNotContain(listing, m => m.Name == "link");
        Assert.DoesNotContain(listing, m => m.Name == "file-link.txt");
        Assert.Contains(listing, m => m.Name == "kept.txt" && m.Size == 4 && m.Writable);
        Assert.Contains(listing, m => m.Name == "locked.txt" && !m.Writable);
    }

    [Fact]
    public void Ordinary_paths_resolve_under_the_root()
    {
        Assert.Equal(Path.Combine(_store.RootDirectory, "a", "b.ipynb"), _store.Resolve("/a/b.ipynb"));
        Assert.Equal(_store.RootDirectory, _store.Resolve(""));
    }

    public void Dispose() => _data.Dispose();
}
