using AIStudio.Hub.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AIStudio.Hub.Web;

/// <summary>A hub page for signed-in people: a visitor who is not signed in goes to the sign-in page and comes back after.</summary>
public abstract class SignedInPageModel(CallerResolver callers) : PageModel
{
    /// <summary>Runs <paramref name="action"/> for the signed-in caller, or sends the visitor to sign in.</summary>
    protected async Task<IActionResult> WithCallerAsync(Func<Caller, Task<IActionResult>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var caller = await callers.GetAsync(HttpContext).ConfigureAwait(false);
        return caller is null ? Redirect(HubRedirects.SignIn(Request)) : await action(caller).ConfigureAwait(false);
    }
}
