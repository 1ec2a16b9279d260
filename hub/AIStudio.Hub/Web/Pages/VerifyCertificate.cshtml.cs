using AIStudio.Courses.Certificates;
using AIStudio.Hub.Certificates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AIStudio.Hub.Web.Pages;

/// <summary>Public verification of a certificate: paste the JSON file or the JWT; the hub checks the signature with its key, the dates, and revocation.</summary>
[AllowAnonymous]
public sealed class VerifyCertificateModel(CertificateService certificates, CertificateKeys keys) : PageModel
{
    public CertificateVerification? Result { get; private set; }

    public string IssuerUrl => keys.Profile.Id;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? certificate)
    {
        Result = string.IsNullOrWhiteSpace(certificate)
            ? new CertificateVerification { Problem = "Paste a certificate (the JSON file's text, or the JWT)." }
            : await certificates.VerifyAsync(certificate, HttpContext.RequestAborted).ConfigureAwait(false);
        return Page();
    }
}
