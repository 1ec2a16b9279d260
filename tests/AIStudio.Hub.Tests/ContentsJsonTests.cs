using System.Text;
using System.Text.Json;
using AIStudio.Hub.Contents;
using AIStudio.TestKit;

namespace AIStudio.Hub.Tests;

/// <summary>The contents models' generated JSON writes what the hub's reflection-based web defaults write.</summary>
public sealed class ContentsJsonTests : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly TempDirectory _data = new("aistudio-contents-json-test");
    private readonly ContentsStore _store;

    public ContentsJsonTests()
    {
        _store = new ContentsStore(_data.Path);
        Directory.CreateDirectory(Path.Combine(_data.Path, "lessons"));
        File.WriteAllText(Path.Combine(_data.Path, "lessons", "one.ipynb"),
            """{"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Héllo <b>&</b>"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");
        File.WriteAllText(Path.Combine(_data.Path, "notes é.txt"), "ünïcode \"quoted\" <tag>\n");
        File.WriteAllBytes(Path.Combine(_data.Path, "image.png"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]);
        File.WriteAllText(Path.Combine(_data.Path, "data.csv"), "a,b\n1,2\n");
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("", false)]
    [InlineData("lessons", true)]
    [InlineData("lessons/one.ipynb", true)]
    [InlineData("lessons/one.ipynb", false)]
    [InlineData("notes é.txt", true)]
    [InlineData("image.png", true)]
    [InlineData("data.csv", false)]
    public void A_model_is_written_as_the_web_defaults_write_it(string path, bool content)
    {
        var model = _store.Get(path, content, type: null, format: null);

        var generated = JsonSerializer.Serialize(model, ContentsJson.Default.ContentsModel);

        Assert.Equal(JsonSerializer.Serialize(model, Web), generated);
        Assert.Contains("\"last_modified\":", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listing_has_every_entry_in_name_order_with_its_fields()
    {
        var json = JsonSerializer.Serialize(_store.Get("", content: true, type: null, format: null), ContentsJson.Default.ContentsModel);

        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(json));
        var entries = document.RootElement.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(["data.csv", "image.png", "lessons", "notes é.txt"], entries.Select(e => e.GetProperty("name").GetString()));
        Assert.Equal(["file", "file", "directory", "file"], entries.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(["text/csv", "image/png", null, "text/plain"], entries.Select(e => e.GetProperty("mimetype").GetString()));
        Assert.All(entries, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("content").ValueKind));
    }

    public void Dispose() => _data.Dispose();
}
