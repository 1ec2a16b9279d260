using System.Text.Json.Nodes;
using AIStudio.Courses.Certificates;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Certificates;
using AIStudio.Hub.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AIStudio.Hub.Web.Pages;

/// <summary>
/// One of the learner's certificates: what it certifies (the credential's name, description, achievement and criteria),
/// its issuer and dates, and its standing, checked now as a verifier would (signature against this hub's key, dates,
/// revocation); the JSON file to download. Anyone else's certificate is not found (404), as in the API.
/// </summary>
[AllowAnonymous]
public sealed class CertificatePageModel(CallerResolver callers, CertificateService certificates) : SignedInPageModel(callers)
{
    public AIStudio.Hub.Certificates.CertificateModel Certificate { get; private set; } = null!;

    public CertificateVerification Verification { get; private set; } = null!;

    /// <summary>The credential's own description (who completed what, with which score).</summary>
    public string? Description => Text(Certificate.Credential, "description");

    /// <summary>The achievement's description and its criteria.</summary>
    public string? AchievementDescription => Text(Achievement, "description");

    public string? Criteria => Achievement?["criteria"] is JsonObject criteria ? Text(criteria, "narrative") : null;

    private JsonObject? Achievement => Certificate.Credential["credentialSubject"] is JsonObject subject ? subject["achievement"] as JsonObject : null;

    public Task<IActionResult> OnGetAsync(string id) => WithCallerAsync(async caller =>
    {
        try
        {
            Certificate = await certificates.GetAsync(caller, id, HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (HubApiException e) when (e.StatusCode == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        Verification = await certificates.VerifyAsync(Certificate.Jwt, HttpContext.RequestAborted).ConfigureAwait(false);
        return Page();
    });

    private static string? Text(JsonObject? json, string name) => json?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
