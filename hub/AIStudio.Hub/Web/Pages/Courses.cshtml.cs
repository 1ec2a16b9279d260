using AIStudio.Hub.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AIStudio.Hub.Web.Pages;

/// <summary>The course catalog's place in the hub (the courses feature fills it).</summary>
[AllowAnonymous]
public sealed class CoursesModel(CallerResolver callers) : PageModel
{
    public async Task<IActionResult> OnGetAsync() =>
        await callers.GetAsync(HttpContext).ConfigureAwait(false) is null ? Redirect(HubRedirects.SignIn(Request)) : Page();
}
