using AIStudio.Hub.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace AIStudio.Hub.Datasets;

/// <summary>
/// The form of <c>POST /hub/api/datasets</c> (multipart/form-data): <c>file</c> (the CSV), <c>name</c>, <c>license</c>
/// (an SPDX id) and/or the licence's text as <c>license_text</c> or an uploaded <c>license_file</c>, and optionally
/// <c>source</c> and <c>citation</c>.
/// </summary>
public sealed record DatasetUpload
{
    /// <summary>The longest <c>source</c> or <c>citation</c> taken.</summary>
    public const int MaxFieldLength = 4096;

    public string? Name { get; init; }

    public IFormFile? File { get; init; }

    public string? License { get; init; }

    public string? LicenseText { get; init; }

    public IFormFile? LicenseFile { get; init; }

    public string? Source { get; init; }

    public string? Citation { get; init; }

    /// <summary>Reads the form; a 400 when the request is not a form, a 413 (saying the limit) when it is larger than the hub takes.</summary>
    public static async Task<DatasetUpload> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest,
                "Send the dataset as multipart/form-data: the CSV as the field 'file', its 'name', and 'license' (an SPDX id) or 'license_text' / 'license_file'.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(request, e);
        }
        catch (InvalidDataException e)
        {
            // The form reader's own limits (multipart body, a field's length): the request is larger than the hub reads.
            throw TooLarge(request, e);
        }

        return new DatasetUpload
        {
            Name = Single(form, "name")?.Trim(),
            File = form.Files.GetFile("file"),
            License = Single(form, "license")?.Trim() is { Length: > 0 } license ? license : null,
            LicenseText = Single(form, "license_text") is { } text && !string.IsNullOrWhiteSpace(text) ? text : null,
            LicenseFile = form.Files.GetFile("license_file"),
            Source = Limited(form, "source"),
            Citation = Limited(form, "citation"),
        };
    }

    private static string? Single(IFormCollection form, string key)
    {
        var values = form[key];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new HubApiException(StatusCodes.Status400BadRequest, $"'{key}' was sent {values.Count} times: send it once."),
        };
    }

    private static string? Limited(IFormCollection form, string key)
    {
        var value = Single(form, key)?.Trim();
        if (value is { Length: > MaxFieldLength })
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"'{key}' is {value.Length} characters long: at most {MaxFieldLength} are kept. Shorten it (a URL or DOI is enough).");
        }

        return value is { Length: > 0 } ? value : null;
    }

    private static HubApiException TooLarge(HttpRequest request, Exception e)
    {
        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        return new HubApiException(StatusCodes.Status413PayloadTooLarge,
            $"The upload is larger than the hub takes for a dataset{(limit is { } bytes ? $" ({Plans.PlanContentsQuota.Size(bytes)} in all, for the CSV file, its licence and the other fields)" : "")}: " +
            "split the data into smaller datasets.", e);
    }
}
