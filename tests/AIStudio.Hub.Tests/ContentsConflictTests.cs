using System.Net;
using System.Net.Http.Json;

namespace AIStudio.Hub.Tests;

/// <summary>A save based on an older version than the one on disk is refused (409) and the newer version kept.</summary>
[Collection(HubTests.Name)]
public sealed class ContentsConflictTests(HubFixture hub)
{
    [Fact]
    public async Task A_save_based_on_a_stale_last_modified_is_refused_and_the_newer_file_kept()
    {
        using var client = hub.Client();
        var name = $"shared-{Guid.NewGuid():N}.txt";
        string loaded;
        using (var first = await client.PutAsJsonAsync($"api/contents/{name}", new { type = "file", format = "text", content = "version 1" }))
        {
            loaded = (await first.JsonAsync()).GetProperty("last_modified").GetString()!;
        }

        // Another tab saves first, from the same version.
        using (var other = await client.PutAsJsonAsync($"api/contents/{name}", new { type = "file", format = "text", content = "version 2 from the other tab", last_modified = loaded }))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        using (var stale = await client.PutAsJsonAsync($"api/contents/{name}", new { type = "file", format = "text", content = "version 2 from this tab", last_modified = loaded }))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Contains("changed on disk", await stale.MessageAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("version 2 from the other tab", (await client.GetJsonAsync($"api/contents/{name}")).GetProperty("content").GetString());
        using (var overwrite = await client.PutAsJsonAsync($"api/contents/{name}", new { type = "file", format = "text", content = "overwritten on purpose" }))
        {
            Assert.Equal(HttpStatusCode.OK, overwrite.StatusCode);
        }

        using var garbage = await client.PutAsJsonAsync($"api/contents/{name}", new { type = "file", format = "text", content = "x", last_modified = "yesterday" });
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
    }
}

/// <summary>Uploads larger than the hub accepts, and the API's OpenAPI document.</summary>
[Collection(HubTests.Name)]
public sealed class UploadLimitTests(HubFixture hub)
{
    [Fact]
    public async Task An_oversized_upload_gets_413_with_the_limit_and_the_stored_file_stays()
    {
        using var client = hub.Client();
        var name = $"big-{Guid.NewGuid():N}.bin";
        using (var small = await client.PutAsJsonAsync($"api/contents/{name}", new { type = "file", format = "base64", content = Convert.ToBase64String(new byte[] { 1, 2, 3 }) }))
        {
            Assert.Equal(HttpStatusCode.Created, small.StatusCode);
        }

        // As browsers and curl do for large bodies, the client asks first (Expect: 100-continue), so it reads the refusal
        // instead of writing into a closed connection.
        var huge = Convert.ToBase64String(new byte[32 * 1024 * 1024]);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/contents/{name}") { Content = JsonContent.Create(new { type = "file", format = "base64", content = huge }) };
        request.Headers.ExpectContinue = true;
        await request.Content.LoadIntoBufferAsync();
        using var refused = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("larger than the hub accepts", await refused.MessageAsync(), StringComparison.Ordinal);
        var kept = await client.GetJsonAsync($"api/contents/{name}?format=base64");
        Assert.Equal(Convert.ToBase64String(new byte[] { 1, 2, 3 }), kept.GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_chunked_upload_replaces_the_file_only_with_its_last_chunk()
    {
        using var client = hub.Client();
        var name = $"chunked-{Guid.NewGuid():N}.bin";
        byte[][] chunks = [[1, 2, 3], [4, 5], [6]];
        using (var old = await client.PutAsJsonAsync($"api/contents/{name}", new { type = "file", format = "base64", content = Convert.ToBase64String([9, 9]) }))
        {
            Assert.Equal(HttpStatusCode.Created, old.StatusCode);
        }

        using (var orphan = await client.PutAsJsonAsync($"api/contents/{name}", new { type = "file", format = "base64", chunk = 2, content = Convert.ToBase64String(chunks[1]) }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, orphan.StatusCode);
            Assert.Contains("without chunk 1", await orphan.MessageAsync(), StringComparison.Ordinal);
        }

        var numbers = new[] { 1, 2, -1 };
        for (var i = 0; i < chunks.Length; i++)
        {
            using var put = await client.PutAsJsonAsync($"api/contents/{name}", new { type = "file", format = "base64", chunk = numbers[i], content = Convert.ToBase64String(chunks[i]) });
            Assert.True(put.IsSuccessStatusCode, $"chunk {numbers[i]}: {put.StatusCode}");
            Assert.Equal(name, (await put.JsonAsync()).GetProperty("name").GetString());
            if (numbers[i] != -1)
            {
                // Until the last chunk, the old file is what is there, and the gathering file is not listed.
                Assert.Equal(Convert.ToBase64String([9, 9]), (await client.GetJsonAsync($"api/contents/{name}?format=base64")).GetProperty("content").GetString());
                var listing = await client.GetJsonAsync("api/contents");
                Assert.DoesNotContain(listing.GetProperty("content").EnumerateArray(), e => e.GetProperty("name").GetString()!.Contains(".upload", StringComparison.Ordinal));
            }
        }

        var file = await client.GetJsonAsync($"api/contents/{name}?format=base64");
        Assert.Equal(Convert.ToBase64String([1, 2, 3, 4, 5, 6]), file.GetProperty("content").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_hub_api()
    {
        using var client = hub.Client(authenticated: false);
        var text = await client.GetStringAsync("hub/api/openapi/v1.json");
        OpenApiDocuments.AssertValid(text);
        var document = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.Equal("AI Studio hub API", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("/hub/api/users", paths);
        Assert.Contains("/hub/api/users/{name}/tokens", paths);
        Assert.Contains("/api/kernels/{id}", paths);
        Assert.Contains("/api/sessions", paths);
    }
}
