using System.Net.Http.Headers;

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
}
