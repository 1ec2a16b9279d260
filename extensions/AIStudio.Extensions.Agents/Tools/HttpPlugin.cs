using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace AIStudio.Extensions.Agents.Tools;

/// <summary>The HTTP fetch tool as the model sees it: GET only, text only, cut to a size a model can read.</summary>
internal sealed class HttpPlugin
{
    private const int MaxLength = 20_000;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [KernelFunction("get")]
    [Description("Fetches a web page or API over HTTP(S) GET and returns its status and text (cut to 20,000 characters).")]
    public static async Task<string> GetAsync([Description("An absolute http or https URL")] string url, CancellationToken cancellationToken)
    {
        if (!NetworkPolicy.IsAllowed)
        {
            return NetworkPolicy.RefusalMessage;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"Not an absolute http or https URL: {url}";
        }

        try
        {
            using var response = await Http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var text = body.Length <= MaxLength ? body : string.Concat(body.AsSpan(0, MaxLength), $"\n… ({body.Length - MaxLength:N0} more characters cut)");
            return $"{(int)response.StatusCode} {response.ReasonPhrase} ({response.Content.Headers.ContentType?.MediaType ?? "unknown type"})\n{text}";
        }
        catch (HttpRequestException e)
        {
            return $"The request failed: {e.Message}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{uri} did not answer within {Http.Timeout.TotalSeconds:0} s.";
        }
    }
}
