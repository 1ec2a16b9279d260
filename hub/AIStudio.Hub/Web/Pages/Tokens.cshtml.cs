using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AIStudio.Hub.Web.Pages;

/// <summary>
/// The signed-in user's API tokens (for JupyterLab, VS Code, nbclient, scripts): list, create with a note, an expiry and
/// optionally fewer scopes, revoke. A new token is shown once, on the page that created it; only its hash is kept.
/// </summary>
[AllowAnonymous]
public sealed class TokensModel(CallerResolver callers, ApiTokenService tokens)
    : SignedInPageModel(callers)
{
    /// <summary>The expiries offered, in days (0: never), as JupyterHub's token page offers them.</summary>
    public static IReadOnlyList<int> Expiries { get; } = [0, 1, 7, 30, 90, 365];

    /// <summary>Scope sets offered besides "everything I can do" (JupyterHub's <c>inherit</c>).</summary>
    public static IReadOnlyList<(string Value, string Label)> ScopeChoices { get; } =
    [
        ("", "Everything I can do"),
        ($"{Scopes.Contents} {Scopes.Kernels} {Scopes.AccessKernels}", "Notebooks and kernels (for JupyterLab, VS Code, nbclient)"),
        ($"{Scopes.ReadContents}", "Read my files only"),
    ];

    public IReadOnlyList<ApiToken> Items { get; private set; } = [];

    /// <summary>The token just created: shown once.</summary>
    public string? NewToken { get; private set; }

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public Task<IActionResult> OnGetAsync(string? done) =>
        WithCallerAsync(async caller =>
        {
            Notice = done;
            await ListAsync(caller).ConfigureAwait(false);
            return Page();
        });

    public Task<IActionResult> OnPostCreateAsync(string? note, int? expiresInDays, string? scopes) =>
        WithCallerAsync(async caller =>
        {
            try
            {
                caller.Require(Scopes.Tokens, caller.Self);
                if (expiresInDays is { } days && !Expiries.Contains(days))
                {
                    throw new HubApiException(StatusCodes.Status400BadRequest, $"Choose an expiry from the list ({string.Join(", ", Expiries)} days).");
                }

                var requested = (scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var (token, _) = await tokens.CreateAsync(caller.UserId, caller.UserName, caller.OwnerScopes, string.IsNullOrWhiteSpace(note) ? "Created on the tokens page" : note.Trim(),
                    requested.Length == 0 ? null : requested, expiresInDays is > 0 ? TimeSpan.FromDays(expiresInDays.Value) : null, caller.UserName, HttpContext.RequestAborted).ConfigureAwait(false);
                NewToken = token;
            }
            catch (HubApiException e)
            {
                Error = e.Message;
                Response.StatusCode = e.StatusCode;
            }

            await ListAsync(caller).ConfigureAwait(false);
            return Page();
        });

    public Task<IActionResult> OnPostRevokeAsync(string? id) =>
        WithCallerAsync(async caller =>
        {
            caller.Require(Scopes.Tokens, caller.Self);
            if (id is null || !await tokens.RevokeAsync(caller.UserId, caller.UserName, id, caller.UserName, HttpContext.RequestAborted).ConfigureAwait(false))
            {
                Error = "No such token (it may have been revoked already).";
                Response.StatusCode = StatusCodes.Status404NotFound;
                await ListAsync(caller).ConfigureAwait(false);
                return Page();
            }

            return Redirect("/hub/tokens?done=" + Uri.EscapeDataString("Token revoked."));
        });

    private async Task ListAsync(Caller caller) =>
        Items = [.. (await tokens.ListAsync(caller.UserId, HttpContext.RequestAborted).ConfigureAwait(false)).OrderByDescending(t => t.CreatedAt)];

}
