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
