using System.Net.Http.Headers;
using System.Text.Json;

namespace AIStudio.Hub.Tests;

/// <summary>What the course tests do through the API: submit a notebook, wait for its grade, read course notebooks.</summary>
internal static class CourseApi
{
    public static string CourseFile(string slug, string notebook) => Path.Combine(AIStudio.TestKit.RepositoryLayout.RootDirectory, "courses", slug, notebook);

    /// <summary>
    /// Posts a submission with <c>Expect: 100-continue</c>, as uploaders of large files do: a body over the hub's limit is
    /// answered 413 before it is sent, instead of the hub closing the connection while the client still writes (a
    /// "broken pipe" in the client, seen once in two full runs).
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string slug, string assignment, byte[] notebook)
    {
        using var content = new ByteArrayContent(notebook);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ipynb+json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"hub/api/courses/{slug}/assignments/{assignment}/submissions") { Content = content };
        request.Headers.ExpectContinue = true;
        return await client.SendAsync(request);
    }

    /// <summary>Submits and returns the queued submission (asserting 202).</summary>
    public static async Task<JsonElement> SubmitOkAsync(HttpClient client, string slug, string assignment, byte[] notebook)
    {
        using var response = await SubmitAsync(client, slug, assignment, notebook);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>Reads the submission until the background grader is done with it (graded or failed).</summary>
    public static async Task<JsonElement> WaitGradedAsync(HttpClient client, JsonElement submission, int gradings = 1)
    {
        var url = submission.GetProperty("url").GetString()!.TrimStart('/');
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (true)
        {
            var current = await client.GetJsonAsync(url);
            if (current.GetProperty("status").GetString() is "graded" or "failed" && current.GetProperty("gradings").GetInt32() >= gradings)
            {
                return current;
            }

            await Task.Delay(250, timeout.Token);
        }
    }
}
