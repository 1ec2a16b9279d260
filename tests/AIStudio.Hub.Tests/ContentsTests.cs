using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AIStudio.Hub.Tests;

[Collection(HubTests.Name)]
public sealed class ContentsTests(HubFixture hub)
{
    private static JsonObject Notebook(string source) => new()
    {
        ["cells"] = new JsonArray(new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = "c1",
            ["metadata"] = new JsonObject(),
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        }),
        ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = "aistudio-csharp", ["display_name"] = "C# (AI Studio)" } },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    };

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task A_notebook_saved_with_put_comes_back_with_get()
    {
        using var client = hub.Client();
        var name = $"saved-{Guid.NewGuid():N}.ipynb";
        using var created = await client.PutAsync($"api/contents/{name}", Json(new JsonObject { ["type"] = "notebook", ["content"] = Notebook("6*7") }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var model = await ReadJson(created);
        Assert.Equal(name, model.GetProperty("path").GetString());
        Assert.Equal("notebook", model.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, model.GetProperty("content").ValueKind);
        Assert.True(model.GetProperty("writable").GetBoolean());
        Assert.True(model.GetProperty("size").GetInt64() > 0);

        using var saved = await client.PutAsync($"api/contents/{name}", Json(new JsonObject { ["type"] = "notebook", ["content"] = Notebook("1+1") }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var loaded = await ReadJson(await client.GetAsync($"api/contents/{name}?type=notebook&content=1&_=123"));
        Assert.Equal("json", loaded.GetProperty("format").GetString());
        Assert.Equal(JsonValueKind.Null, loaded.GetProperty("mimetype").ValueKind);
        var cell = loaded.GetProperty("content").GetProperty("cells")[0];
        Assert.Equal("1+1", cell.GetProperty("source").GetString());
        Assert.Equal("aistudio-csharp", loaded.GetProperty("content").GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(loaded.GetProperty("last_modified").GetString()));

        var withoutContent = await ReadJson(await client.GetAsync($"api/contents/{name}?content=0"));
        Assert.Equal(JsonValueKind.Null, withoutContent.GetProperty("content").ValueKind);

        var listing = await ReadJson(await client.GetAsync("api/contents"));
        Assert.Equal("directory", listing.GetProperty("type").GetString());
        Assert.Contains(listing.GetProperty("content").EnumerateArray(), e => e.GetProperty("name").GetString() == name);
    }

    [Theory]
    [InlineData("api/contents/..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("api/contents/%2E%2E/%2E%2E/%2E%2E/etc/passwd")]
    [InlineData("api/contents/a/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("api/contents/.ipynb_checkpoints")]
    public async Task Path_traversal_is_refused_and_never_escapes_the_root(string route)
    {
        using var client = hub.Client();
        using var get = await client.GetAsync(route);
        Assert.True(get.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{route}: {get.StatusCode}");
        Assert.DoesNotContain("root:", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var escapeName = $"escaped-{Guid.NewGuid():N}.txt";
        using var put = await client.PutAsync($"api/contents/..%2F..%2F{escapeName}", Json(new JsonObject { ["type"] = "file", ["format"] = "text", ["content"] = "x" }));
        Assert.True(put.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"PUT: {put.StatusCode}");
        for (var directory = new DirectoryInfo(hub.ContentsDirectoryOf("admin")); directory is not null; directory = directory.Parent)
        {
            Assert.False(File.Exists(Path.Combine(directory.FullName, escapeName)), $"written to {directory.FullName}");
        }
    }

    [Fact]
    public async Task A_malformed_notebook_is_refused_and_the_stored_file_stays_intact()
    {
        using var client = hub.Client();
        var name = $"kept-{Guid.NewGuid():N}.ipynb";
        using (var first = await client.PutAsync($"api/contents/{name}", Json(new JsonObject { ["type"] = "notebook", ["content"] = Notebook("keep me") })))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        var path = Path.Combine(hub.ContentsDirectoryOf("admin"), name);
        var before = await File.ReadAllBytesAsync(path);

        using var notJson = await client.PutAsync($"api/contents/{name}", new StringContent("{\"type\": \"notebook\", \"content\": {\"cells\": [", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.False(string.IsNullOrEmpty((await ReadJson(notJson)).GetProperty("message").GetString()));

        var noCells = new JsonObject { ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 };
        using var invalid = await client.PutAsync($"api/contents/{name}", Json(new JsonObject { ["type"] = "notebook", ["content"] = noCells }));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("cells", (await ReadJson(invalid)).GetProperty("message").GetString(), StringComparison.Ordinal);

        var badCell = Notebook("x");
        badCell["cells"]![0]!["cell_type"] = "bogus";
        using var bogus = await client.PutAsync($"api/contents/{name}", Json(new JsonObject { ["type"] = "notebook", ["content"] = badCell }));
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);

        Assert.Equal(before, await File.ReadAllBytesAsync(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, ".~*"));
    }

    [Fact]
    public async Task Checkpoints_are_created_listed_restored_and_deleted()
    {
        using var client = hub.Client();
        var name = $"cp-{Guid.NewGuid():N}.ipynb";
        (await client.PutAsync($"api/contents/{name}", Json(new JsonObject { ["type"] = "notebook", ["content"] = Notebook("first") }))).Dispose();

        using var created = await client.PostAsync($"api/contents/{name}/checkpoints", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var checkpoint = await ReadJson(created);
        var id = checkpoint.GetProperty("id").GetString();

        (await client.PutAsync($"api/contents/{name}", Json(new JsonObject { ["type"] = "notebook", ["content"] = Notebook("second") }))).Dispose();
        var list = await ReadJson(await client.GetAsync($"api/contents/{name}/checkpoints"));
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());

        using var restored = await client.PostAsync($"api/contents/{name}/checkpoints/{id}", null);
        Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        var loaded = await ReadJson(await client.GetAsync($"api/contents/{name}"));
        Assert.Equal("first", loaded.GetProperty("content").GetProperty("cells")[0].GetProperty("source").GetString());

        using var deleted = await client.DeleteAsync($"api/contents/{name}/checkpoints/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await ReadJson(await client.GetAsync($"api/contents/{name}/checkpoints"))).EnumerateArray());
    }

    [Fact]
    public async Task Files_directories_untitled_rename_and_delete_work_as_in_jupyter_server()
    {
        using var client = hub.Client();
        var folder = $"dir-{Guid.NewGuid():N}";
        using (var made = await client.PutAsync($"api/contents/{folder}", Json(new JsonObject { ["type"] = "directory" })))
        {
            Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        }

        using var untitled = await client.PostAsync($"api/contents/{folder}", Json(new JsonObject { ["type"] = "notebook" }));
        Assert.Equal(HttpStatusCode.Created, untitled.StatusCode);
        Assert.Equal($"{folder}/Untitled.ipynb", (await ReadJson(untitled)).GetProperty("path").GetString());
        using var second = await client.PostAsync($"api/contents/{folder}", Json(new JsonObject { ["type"] = "notebook" }));
        Assert.Equal($"{folder}/Untitled1.ipynb", (await ReadJson(second)).GetProperty("path").GetString());

        (await client.PutAsync($"api/contents/{folder}/hello.txt", Json(new JsonObject { ["type"] = "file", ["format"] = "text", ["content"] = "héllo" }))).Dispose();
        var text = await ReadJson(await client.GetAsync($"api/contents/{folder}/hello.txt"));
        Assert.Equal("héllo", text.GetProperty("content").GetString());
        Assert.Equal("text", text.GetProperty("format").GetString());
        Assert.Equal("text/plain", text.GetProperty("mimetype").GetString());

        var binary = Convert.ToBase64String([0, 255, 1, 254]);
        (await client.PutAsync($"api/contents/{folder}/data.bin", Json(new JsonObject { ["type"] = "file", ["format"] = "base64", ["content"] = binary }))).Dispose();
        var bin = await ReadJson(await client.GetAsync($"api/contents/{folder}/data.bin"));
        Assert.Equal("base64", bin.GetProperty("format").GetString());
        Assert.Equal(binary, bin.GetProperty("content").GetString());

        using var renamed = await client.PatchAsync($"api/contents/{folder}/Untitled.ipynb", Json(new JsonObject { ["path"] = $"{folder}/Renamed.ipynb" }));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Renamed.ipynb", (await ReadJson(renamed)).GetProperty("name").GetString());
        using var clash = await client.PatchAsync($"api/contents/{folder}/Untitled1.ipynb", Json(new JsonObject { ["path"] = $"{folder}/Renamed.ipynb" }));
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);

        using var notEmpty = await client.DeleteAsync($"api/contents/{folder}");
        Assert.Equal(HttpStatusCode.BadRequest, notEmpty.StatusCode);
        foreach (var file in new[] { "Renamed.ipynb", "Untitled1.ipynb", "hello.txt", "data.bin" })
        {
            using var deleted = await client.DeleteAsync($"api/contents/{folder}/{file}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var gone = await client.DeleteAsync($"api/contents/{folder}");
        Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);
        using var missing = await client.GetAsync($"api/contents/{folder}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Not Found", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }
}
