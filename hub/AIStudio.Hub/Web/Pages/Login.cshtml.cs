using AIStudio.Hub.Accounts;
using AIStudio.Hub.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AIStudio.Hub.Web.Pages;

/// <summary>The sign-in page: name and password, then back to where the person was going.</summary>
[AllowAnonymous]
public sealed class LoginModel(PasswordSignIn signIn, HubOptions options) : PageModel
{
    public string Next { get; private set; } = HubRedirects.Home;

    public string? UserName { get; private set; }

    public string? Error { get; private set; }

    public bool SignupOpen => options.AllowSignup;

    public void OnGet(string? next) => Next = HubRedirects.Target(next);

    public async Task<IActionResult> OnPostAsync(string? username, string? password, string? next)
    {
        Next = HubRedirects.Target(next);
        UserName = username;
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            Error = "Enter your username and password.";
            return Page();
        }

        var (user, status, error) = await signIn.SignInAsync(HttpContext, username, password);
        if (user is null)
        {
            Error = error;
            Response.StatusCode = status;
            return Page();
        }

        return LocalRedirect(Next);
    }
}
