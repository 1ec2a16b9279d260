using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace AIStudio.Hub.Tests;

/// <summary>Builds the multipart form of <c>POST /hub/api/datasets</c>, and small CSV files to send with it.</summary>
internal static class DatasetForm
{
    public const string Route = "hub/api/datasets";

    public static MultipartFormDataContent Create(string? name, byte[]? csv, string? license = null, string? licenseText = null,
        byte[]? licenseFile = null, string? source = null, string? citation = null)
    {
        var form = new MultipartFormDataContent();
        if (name is not null)
        {
            form.Add(new StringContent(name), "name");
        }

        if (csv is not null)
        {
            var file = new ByteArrayContent(csv);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "survey.csv");
        }

        if (license is not null)
        {
            form.Add(new StringContent(license), "license");
        }

        if (licenseText is not null)
        {
            form.Add(new StringContent(licenseText), "license_text");
        }

        if (licenseFile is not null)
        {
            form.Add(new ByteArrayContent(licenseFile), "license_file", "LICENSE.txt");
        }

        if (source is not null)
        {
            form.Add(new StringContent(source), "source");
        }

        if (citation is not null)
        {
            form.Add(new StringContent(citation), "citation");
        }

        return form;
    }

    /// <summary>Uploads and returns the response (the caller disposes it).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string? name, byte[]? csv, string? license = null,
        string? licenseText = null, byte[]? licenseFile = null, string? source = null, string? citation = null, bool expectContinue = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = Create(name, csv, license, licenseText, licenseFile, source, citation);
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = form };
        if (expectContinue)
        {
            // As browsers and curl do for large bodies: the client asks first, so it reads a refusal instead of writing
            // into a closed connection.
            request.Headers.ExpectContinue = true;
            await form.LoadIntoBufferAsync();
        }

        return await client.SendAsync(request);
    }

    /// <summary>A small CSV file with a header row; <paramref name="marker"/> goes into its first data row.</summary>
    public static byte[] Csv(string marker = "alpha", int rows = 3)
    {
        var text = new StringBuilder("id,label,value\n");
        for (var i = 1; i <= rows; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},{(i == 1 ? marker : "row" + i)},{i * 1.5}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
