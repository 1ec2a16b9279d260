using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using AIStudio.Courses.Notebooks;

namespace AIStudio.Extensions.Grading;

/// <summary>
/// Sends a saved assignment notebook to the AI Studio hub (<c>POST /hub/api/courses/{course}/assignments/{id}/submissions</c>)
/// with the kernel's hub address and token (<c>AISTUDIO_HUB_URL</c>, <c>AISTUDIO_HUB_TOKEN</c>, which the hub gives the
/// kernels it starts), then follows the submission until it is graded or <c>wait</c> runs out.
/// </summary>
public sealed class AssignmentSubmission(Uri hub, string token, HttpClient? http = null) : IDisposable
{
    private readonly HttpClient _http = http ?? new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
    private readonly bool _ownsHttp = http is null;

    /// <summary>The hub of this kernel's environment; throws <see cref="InvalidOperationException"/> saying what is missing.</summary>
    public static AssignmentSubmission FromEnvironment()
    {
        var url = Environment.GetEnvironmentVariable("AISTUDIO_HUB_URL");
        var token = Environment.GetEnvironmentVariable("AISTUDIO_HUB_TOKEN");
        if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(token) || !Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var hub))
        {
            throw new InvalidOperationException("This kernel does not know an AI Studio hub to submit to (AISTUDIO_HUB_URL and AISTUDIO_HUB_TOKEN are not set): open the assignment from the hub's course page, or submit there.");
        }

        return new AssignmentSubmission(hub, token);
    }

    /// <summary>The course and assignment the hub wrote into the notebook's metadata when it released it (<c>metadata.aistudio</c>), overridden by the given ones.</summary>
    public static (string Course, string Assignment) Target(Notebook notebook, string? course, string? assignment)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var written = notebook.Metadata["aistudio"] as JsonObject;
        course ??= written?["course"]?.GetValue<string>();
        assignment ??= written?["assignment"]?.GetValue<string>();
        return course is { Length: > 0 } && assignment is { Length: > 0 }
            ? (course, assignment)
            : throw new InvalidOperationException("This notebook does not say which course and assignment it answers (it was not opened from the hub): pass #!submit --course SLUG --assignment ID.");
    }

    /// <summary>Posts the notebook; the hub's answer (the submission, queued), or an exception with the hub's message.</summary>
    public async Task<JsonElement> SubmitAsync(string course, string assignment, byte[] notebook, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(notebook);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ipynb+json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hub, $"hub/api/courses/{Uri.EscapeDataString(course)}/assignments/{Uri.EscapeDataString(assignment)}/submissions")) { Content = content };
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the submission until it is graded or failed, or <paramref name="wait"/> has passed; its last state.</summary>
    public async Task<JsonElement> FollowAsync(JsonElement submission, TimeSpan wait, CancellationToken cancellationToken)
    {
        var url = new Uri(hub, submission.GetProperty("url").GetString()!.TrimStart('/'));
        var until = DateTimeOffset.UtcNow + wait;
        while (!IsDone(submission) && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            submission = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return submission;
    }

    public static bool IsDone(JsonElement submission) => submission.GetProperty("status").GetString() is "graded" or "failed";

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("token", token);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            string message;
            try
            {
                using var error = JsonDocument.Parse(text);
                message = error.RootElement.TryGetProperty("message", out var m) ? m.GetString() ?? text : text;
            }
            catch (JsonException)
            {
                message = text;
            }

            throw new InvalidOperationException($"The hub refused the submission ({(int)response.StatusCode}): {message}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
