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

    [Theory]
    [InlineData("")]
    [InlineData("a.txt")]
    [InlineData("lessons/one.ipynb")]
    [InlineData("a b/.ipynb_checkpoints/c-checkpoint.ipynb")]
    [InlineData("lessons/../a.txt")]
    [InlineData("lessons/./a.txt")]
    [InlineData("lessons//a.txt")]
    [InlineData("lessons/")]
    [InlineData("..")]
    public void The_api_path_of_a_path_under_the_root_is_what_a_relative_path_gives(string under)
    {
        var root = _store.RootDirectory;
        var full = under.Length == 0 ? root : root + "/" + under;
        var relative = Path.GetRelativePath(root, full);

        Assert.Equal(relative == "." ? "" : relative, new ContentsPaths(root).ApiPath(full));
    }

    [Fact]
    public void The_api_path_of_a_listed_entry_is_its_path_under_the_root()
    {
        var paths = new ContentsPaths(_store.RootDirectory);

        Assert.Equal("lessons/one.ipynb", paths.ApiPath(Path.Combine(_store.RootDirectory, "lessons", "one.ipynb")));
        Assert.Equal("", paths.ApiPath(_store.RootDirectory));
    }

    [Fact]
    public void A_path_beside_the_root_with_its_name_as_a_prefix_is_not_cut()
    {
        var root = _store.RootDirectory;

        Assert.Equal(Path.GetRelativePath(root, root + "-other/x.txt"), new ContentsPaths(root).ApiPath(root + "-other/x.txt"));
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
