using AIStudio.Hub.Accounts;
using AIStudio.Hub.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AIStudio.Hub.Web.Pages;

/// <summary>The sign-up page: a new account with its personal organization on the Free plan, signed in at once.</summary>
[AllowAnonymous]
public sealed class SignupModel(PasswordSignIn signIn, HubOptions options) : PageModel
{
    public string Next { get; private set; } = HubRedirects.Home;

    public string? UserName { get; private set; }

    public string? Email { get; private set; }

    public string? Error { get; private set; }

    public bool Open => options.AllowSignup;

    public void OnGet(string? next) => Next = HubRedirects.Target(next);

    public async Task<IActionResult> OnPostAsync(string? username, string? password, string? email, string? next)
    {
        Next = HubRedirects.Target(next);
        UserName = username;
        Email = email;
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            Error = "Choose a username and a password.";
            return Page();
        }

        try
        {
            await signIn.SignUpAsync(HttpContext, username, password, string.IsNullOrWhiteSpace(email) ? null : email);
        }
        catch (HubApiException e)
        {
            Error = e.Message;
            Response.StatusCode = e.StatusCode;
            return Page();
        }

        return LocalRedirect(Next);
    }
}
