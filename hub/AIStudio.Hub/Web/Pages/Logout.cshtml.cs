using AIStudio.Hub.Accounts;
using AIStudio.Hub.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AIStudio.Hub.Web.Pages;

/// <summary>Signing out ends the cookie session (a POST, so that no link or image can do it) and forgets the <c>_xsrf</c> cookie.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<HubUser> signIn, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = User.Identity?.IsAuthenticated == true ? User.Identity.Name : null;
        await signIn.SignOutAsync();
        Response.Cookies.Delete(Xsrf.CookieName);
        if (name is not null)
        {
            await audit.RecordAsync(name, AuditActions.Logout, name);
        }

        return Redirect("/hub/login");
    }
}
