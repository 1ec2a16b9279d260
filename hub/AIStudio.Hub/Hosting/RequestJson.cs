using System.Text.Json;

namespace AIStudio.Hub.Hosting;

/// <summary>Reads a request body as a JSON object, where an empty body is allowed (jupyter_server accepts POST without one).</summary>
public static class RequestJson
{
    /// <summary>The largest JSON body read (Kestrel's default request limit, 30 MB, applies first).</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    /// <summary>The body's JSON object, or null when the body is empty; a 400 <see cref="HubApiException"/> when it is not a JSON object.</summary>
    public static async Task<JsonElement?> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await ReadAsync(request, chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new HubApiException(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {MaxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return null;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"Invalid JSON in the request body: {e.Message}", e);
        }

        return root.ValueKind == JsonValueKind.Object
            ? root
            : throw new HubApiException(StatusCodes.Status400BadRequest, "The request body must be a JSON object.");
    }

    /// <summary>Reads the body, turning the server's own request-size refusal into a JSON error that says the limit.</summary>
    private static async Task<int> ReadAsync(HttpRequest request, byte[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            return await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            throw new HubApiException(StatusCodes.Status413PayloadTooLarge,
                $"The request body is larger than the hub accepts ({(limit is { } bytes ? $"{bytes / (1024 * 1024)} MB" : "its limit")}): upload large files in parts.", e);
        }
    }

    /// <summary>A string property, or null when absent or null; a 400 when it has another type.</summary>
    public static string? GetString(this JsonElement? element, string name)
    {
        if (element is not { } value || !value.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return property.ValueKind == JsonValueKind.String
            ? property.GetString()
            : throw new HubApiException(StatusCodes.Status400BadRequest, $"'{name}' must be a string.");
    }

    /// <summary>A boolean property, or null when absent or null; a 400 when it has another type.</summary>
    public static bool? GetBool(this JsonElement? element, string name)
    {
        if (element is not { } value || !value.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return property.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new HubApiException(StatusCodes.Status400BadRequest, $"'{name}' must be true or false."),
        };
    }

    /// <summary>A number property, or null when absent or null; a 400 when it has another type.</summary>
    public static double? GetNumber(this JsonElement? element, string name)
    {
        if (element is not { } value || !value.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return property.ValueKind == JsonValueKind.Number
            ? property.GetDouble()
            : throw new HubApiException(StatusCodes.Status400BadRequest, $"'{name}' must be a number.");
    }

    /// <summary>An array of strings, or null when absent or null; a 400 when it is anything else.</summary>
    public static IReadOnlyList<string>? GetStrings(this JsonElement? element, string name)
    {
        if (element is not { } value || !value.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (property.ValueKind != JsonValueKind.Array || property.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"'{name}' must be an array of strings.");
        }

        return [.. property.EnumerateArray().Select(item => item.GetString()!)];
    }
}
