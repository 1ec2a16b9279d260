using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace AIStudio.Hub.Tests;

/// <summary>Uploads a model as a deployment version (<c>POST /hub/api/deployments/{name}/versions</c>, multipart <c>model</c> + <c>note</c>).</summary>
public static class DeploymentForm
{
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string name, byte[] model, string? note = null, string fileName = "model.onnx")
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(model);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "model", fileName);
        if (note is not null)
        {
            form.Add(new StringContent(note), "note");
        }

        return await client.PostAsync($"hub/api/deployments/{name}/versions", form);
    }

    /// <summary>Uploads a version, asserting 201.</summary>
    public static async Task UploadOkAsync(HttpClient client, string name, byte[] model, string note)
    {
        using var upload = await DeploymentForm.UploadAsync(client, name, model, note);
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
    }

    /// <summary>A new key of the deployment (<c>POST …/keys</c>), asserting 201.</summary>
    public static async Task<string> CreateKeyAsync(HttpClient client, string name)
    {
        using var created = await client.PostAsJsonAsync($"hub/api/deployments/{name}/keys", new { note = "test" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.JsonAsync()).GetProperty("key").GetString()!;
    }
}
