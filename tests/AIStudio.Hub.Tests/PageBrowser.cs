using System.Net;
using System.Text.RegularExpressions;

namespace AIStudio.Hub.Tests;

/// <summary>The hub's pages driven as a browser drives them, without one: cookies, the antiforgery field, the _xsrf field.</summary>
internal static partial class PageBrowser
{
    /// <summary>A browser signed in with the ?token= link: keeps cookies, does not follow redirects.</summary>
    public static async Task<HttpClient> SignedInAsync(HubFixture hub, string token)
    {
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = hub.BaseAddress };
        (await browser.GetAsync($"hub/home?token={token}")).Dispose();
        return browser;
    }

    /// <summary>Posts a form of the page at <paramref name="page"/> to one of its handlers, with the fields a browser adds.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string page, string handler, Dictionary<string, string> fields)
    {
        var (antiforgery, xsrf) = await FormSecretsAsync(browser, page);
        fields["__RequestVerificationToken"] = antiforgery;
        fields["_xsrf"] = xsrf;
        return await browser.PostAsync(Handler(page, handler), new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts to a handler of <paramref name="page"/> with the form secrets of another page (<paramref name="formsFrom"/>) the browser may open.</summary>
    public static async Task<HttpResponseMessage> PostToAsync(HttpClient browser, string formsFrom, string page, string handler, Dictionary<string, string> fields)
    {
        var (antiforgery, xsrf) = await FormSecretsAsync(browser, formsFrom);
        fields["__RequestVerificationToken"] = antiforgery;
        fields["_xsrf"] = xsrf;
        return await browser.PostAsync(Handler(page, handler), new FormUrlEncodedContent(fields));
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, string dir, string fileName, byte[] bytes)
    {
        var page = "hub/home?dir=" + Uri.EscapeDataString(dir);
        var (antiforgery, xsrf) = await FormSecretsAsync(browser, page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(antiforgery), "__RequestVerificationToken" },
            { new StringContent(xsrf), "_xsrf" },
            { new StringContent(dir), "dir" },
            { new ByteArrayContent(bytes), "file", fileName },
        };
        return await browser.PostAsync(Handler(page, "Upload"), form);
    }

    private static async Task<(string Antiforgery, string Xsrf)> FormSecretsAsync(HttpClient browser, string page)
    {
        var html = await browser.GetStringAsync(page);
        return (RequestVerificationToken().Match(html).Groups[1].Value, XsrfField().Match(html).Groups[1].Value);
    }

    private static string Handler(string page, string handler) => page + (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex RequestVerificationToken();

    [GeneratedRegex("name=\"_xsrf\" value=\"([^\"]+)\"")]
    private static partial Regex XsrfField();
}
