using System.Net.Http.Json;
using System.Text.Json;

namespace AIStudio.Hub.Tests;

/// <summary>Small helpers for the hub's JSON API.</summary>
public static class Http
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string route)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(route);
        Assert.True(response.IsSuccessStatusCode, $"GET {route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string route, object? body = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = new HttpRequestMessage(method, route) { Content = body is null ? null : JsonContent.Create(body) };
        return client.SendAsync(request);
    }

    /// <summary>The error message of a JSON error answer.</summary>
    public static async Task<string> MessageAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("message").GetString()!;

    /// <summary>A unique user or organization name for a test.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
