using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AIStudio.Hub.Tests;

/// <summary>Polyglot Notebooks <c>.dib</c> files open as notebooks and save back as .dib.</summary>
[Collection(HubTests.Name)]
public sealed class DibTests(HubFixture hub)
{
    private const string Dib = """
        #!meta

        {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"},{"aliases":[],"name":"fsharp"}]}}

        #!markdown

        # Hello from Polyglot

        #!csharp

        var x = 6 * 7;
        x

        #!fsharp

        let y = 1
        """;

    [Fact]
    public async Task A_dib_file_opens_as_a_notebook_and_saves_back_as_dib()
    {
        using var client = hub.Client();
        var name = $"polyglot-{Guid.NewGuid():N}.dib";
        using (var upload = await client.PutAsJsonAsync($"api/contents/{name}", new { type = "file", format = "text", content = Dib }))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var model = await client.GetJsonAsync($"api/contents/{name}");
        Assert.Equal("notebook", model.GetProperty("type").GetString());
        var cells = model.GetProperty("content").GetProperty("cells");
        Assert.Equal(3, cells.GetArrayLength());
        Assert.Equal("markdown", cells[0].GetProperty("cell_type").GetString());
        Assert.Equal("# Hello from Polyglot", cells[0].GetProperty("source").GetString());
        Assert.Equal("var x = 6 * 7;\nx", cells[1].GetProperty("source").GetString());
        Assert.Equal("csharp", cells[1].GetProperty("metadata").GetProperty("dotnet_interactive").GetProperty("language").GetString());
        Assert.Equal("fsharp", cells[2].GetProperty("metadata").GetProperty("dotnet_interactive").GetProperty("language").GetString());

        // Edited in the notebook UI (a cell added, outputs present) and saved: still a .dib, outputs dropped, kernels kept.
        var notebook = JsonNode.Parse(model.GetProperty("content").GetRawText())!.AsObject();
        notebook["cells"]!.AsArray().Add(new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = 3,
            ["metadata"] = new JsonObject(),
            ["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "42\n" }),
            ["source"] = "Console.WriteLine(x);",
        });
        using (var save = await client.PutAsJsonAsync($"api/contents/{name}", new JsonObject { ["type"] = "notebook", ["content"] = notebook }))
        {
            Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        }

        var text = await File.ReadAllTextAsync(Path.Combine(hub.ContentsDirectoryOf("admin"), name));
        Assert.StartsWith("#!meta", text, StringComparison.Ordinal);
        Assert.Contains("#!fsharp\n\nlet y = 1\n", text, StringComparison.Ordinal);
        Assert.Contains("#!csharp\n\nConsole.WriteLine(x);\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("42", text.Replace("6 * 7", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var reread = await client.GetJsonAsync($"api/contents/{name}");
        Assert.Equal(4, reread.GetProperty("content").GetProperty("cells").GetArrayLength());
        var listing = await client.GetJsonAsync("api/contents");
        Assert.Contains(listing.GetProperty("content").EnumerateArray(), e => e.GetProperty("name").GetString() == name && e.GetProperty("type").GetString() == "notebook");
    }

    [Fact]
    public async Task A_dib_with_a_broken_meta_block_is_refused_and_left_as_it_is()
    {
        using var client = hub.Client();
        var name = $"broken-{Guid.NewGuid():N}.dib";
        using (var upload = await client.PutAsJsonAsync($"api/contents/{name}", new { type = "file", format = "text", content = "#!meta\n\n{not json\n\n#!csharp\n\n1+1\n" }))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        using var get = await client.GetAsync($"api/contents/{name}");
        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Contains("#!meta", await get.MessageAsync(), StringComparison.Ordinal);
        var raw = await client.GetJsonAsync($"api/contents/{name}?type=file&format=text");
        Assert.Contains("{not json", raw.GetProperty("content").GetString(), StringComparison.Ordinal);
    }
}
