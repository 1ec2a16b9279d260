using System.Net;
using System.Text.Json;

namespace AIStudio.Hub.Tests;

[Collection(HubTests.Name)]
public sealed class AuthTests(HubFixture hub)
{
    [Fact]
    public async Task Api_routes_without_a_token_answer_401_with_a_json_message()
    {
        using var client = hub.Client(authenticated: false);
        foreach (var route in new[] { "api/status", "api/kernels", "api/sessions", "api/contents", "api/kernelspecs", "api/me" })
        {
            using var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains("token", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_token_answers_401_in_the_header_and_in_the_query()
    {
        using var client = hub.Client(authenticated: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/status");
        request.Headers.TryAddWithoutValidation("Authorization", "token " + HubFixture.Token + "x");
        using var header = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, header.StatusCode);
        using var query = await client.GetAsync("api/status?token=wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, query.StatusCode);
    }

    [Fact]
    public async Task The_token_is_accepted_in_the_authorization_header_and_in_the_query()
    {
        using var withHeader = hub.Client();
        using var status = await withHeader.GetAsync("api/status");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using var statusBody = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        Assert.True(statusBody.RootElement.TryGetProperty("started", out _));
        Assert.True(statusBody.RootElement.TryGetProperty("kernels", out _));

        using var anonymous = hub.Client(authenticated: false);
        using var me = await anonymous.GetAsync($"api/me?token={HubFixture.Token}");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using var meBody = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        Assert.Equal("admin", meBody.RootElement.GetProperty("identity").GetProperty("username").GetString());
    }

    [Fact]
    public async Task The_api_version_is_public_like_jupyter_server()
    {
        using var client = hub.Client(authenticated: false);
        using var body = JsonDocument.Parse(await client.GetStringAsync("api"));
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Kernelspecs_list_the_csharp_kernel_with_its_logos()
    {
        using var client = hub.Client();
        using var body = JsonDocument.Parse(await client.GetStringAsync("api/kernelspecs"));
        Assert.Equal("aistudio-csharp", body.RootElement.GetProperty("default").GetString());
        var spec = body.RootElement.GetProperty("kernelspecs").GetProperty("aistudio-csharp");
        Assert.Equal("aistudio-csharp", spec.GetProperty("name").GetString());
        Assert.Equal("C# (AI Studio)", spec.GetProperty("spec").GetProperty("display_name").GetString());
        Assert.Equal("csharp", spec.GetProperty("spec").GetProperty("language").GetString());
        var logo = spec.GetProperty("resources").GetProperty("logo-64x64").GetString()!;
        Assert.Equal("/kernelspecs/aistudio-csharp/logo-64x64.png", logo);

        using var image = await client.GetAsync(logo.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        var bytes = await image.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);

        using var missing = await client.GetAsync("api/kernelspecs/python3");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_event_stream_websocket_opens_and_closes_cleanly()
    {
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        using var timeout = AIStudio.TestKit.Timeouts.After(AIStudio.TestKit.Timeouts.Request);
        var uri = new UriBuilder(new Uri(hub.BaseAddress, "api/events/subscribe")) { Scheme = "ws", Query = $"token={HubFixture.Token}" }.Uri;
        await socket.ConnectAsync(uri, timeout.Token);
        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "", timeout.Token);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Closed, socket.State);
    }
}
