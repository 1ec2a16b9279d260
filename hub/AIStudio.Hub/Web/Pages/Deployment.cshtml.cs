using System.Globalization;
using System.Text.Json;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Deployments;
using AIStudio.Hub.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AIStudio.Hub.Web.Pages;

/// <summary>
/// One of the signed-in user's deployments (<c>/hub/deployments/{name}</c>): its versions with their schema and notes, the
/// traffic split (set in percent, summing to 100), rollback, per-version metrics, keys (made here and shown once, revoked)
/// and deletion after typing its name. Every change goes through <see cref="DeploymentStore"/>, with the API's checks,
/// messages and audit entries; another user's deployment answers 404.
/// </summary>
[AllowAnonymous]
public sealed class DeploymentPageModel(CallerResolver callers, DeploymentStore deployments)
    : SignedInPageModel(callers)
{
    public AIStudio.Hub.Deployments.DeploymentModel Deployment { get; private set; } = null!;

    public DeploymentMetricsModel Metrics { get; private set; } = null!;

    public IReadOnlyList<DeploymentKeyModel> Keys { get; private set; } = [];

    /// <summary>The key just created: shown once.</summary>
    public string? NewKey { get; private set; }

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>The percentages as typed, shown again with the error when the split is refused.</summary>
    public IReadOnlyDictionary<int, string> TypedSplit { get; private set; } = new Dictionary<int, string>();

    public string PagePath => $"{DeploymentsModel.Path}/{Deployment.Name}";

    public Task<IActionResult> OnGetAsync(string name, string? done) =>
        WithPageAsync(name, _ =>
        {
            Notice = done;
            return Task.FromResult<string?>(null);
        });

    /// <summary>Sets the split from the form's <c>split[n]</c> fields (an empty field is 0 %).</summary>
    public Task<IActionResult> OnPostTrafficAsync(string name, Dictionary<string, string>? split) =>
        WithPageAsync(name, async caller =>
        {
            var typed = (split ?? []).ToDictionary(s => s.Key, s => s.Value?.Trim() ?? "", StringComparer.Ordinal);
            TypedSplit = typed.Where(s => int.TryParse(s.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                .ToDictionary(s => int.Parse(s.Key, CultureInfo.InvariantCulture), s => s.Value);
            // Numbers go to the store as numbers; anything else as typed, so its check says what is wrong with it.
            var body = typed.ToDictionary(s => s.Key, s => s.Value.Length == 0 ? 0
                : int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var percent) ? (object)percent : s.Value, StringComparer.Ordinal);
            var changed = await deployments.SetTrafficAsync(caller, name, JsonSerializer.SerializeToElement(body), Request, HttpContext.RequestAborted).ConfigureAwait(false);
            return $"Traffic split set: {DeploymentsModel.Split(changed)}.";
        });

    /// <summary>All traffic to <paramref name="version"/>, or back to the split before the last change when none is chosen.</summary>
    public Task<IActionResult> OnPostRollbackAsync(string name, int? version) =>
        WithPageAsync(name, async caller =>
        {
            var body = version is { } v ? JsonSerializer.SerializeToElement(new { version = v }) : JsonSerializer.SerializeToElement(new { });
            var changed = await deployments.RollbackAsync(caller, name, body, Request, HttpContext.RequestAborted).ConfigureAwait(false);
            return $"Rolled back: {DeploymentsModel.Split(changed)}.";
        });

    public Task<IActionResult> OnPostCreateKeyAsync(string name, string? note) =>
        WithPageAsync(name, async caller =>
        {
            var body = JsonSerializer.SerializeToElement(new { note = string.IsNullOrWhiteSpace(note) ? "Created on the deployment page" : note.Trim() });
            var key = await deployments.CreateKeyAsync(caller, name, body, HttpContext.RequestAborted).ConfigureAwait(false);
            NewKey = key.Key;
            return null;
        });

    public Task<IActionResult> OnPostRevokeKeyAsync(string name, string? id) =>
        WithPageAsync(name, async caller =>
        {
            await deployments.RevokeKeyAsync(caller, name, id ?? "", HttpContext.RequestAborted).ConfigureAwait(false);
            return "Key revoked: it no longer calls this deployment.";
        });

    /// <summary>Deletes the deployment when <paramref name="confirm"/> is its name, and goes back to the list.</summary>
    public Task<IActionResult> OnPostDeleteAsync(string name, string? confirm) =>
        WithCallerAsync(async caller =>
        {
            try
            {
                if (!string.Equals(confirm?.Trim(), name, StringComparison.Ordinal))
                {
                    // The deployment must be the caller's before saying anything about it.
                    await deployments.GetAsync(caller, name, Request, HttpContext.RequestAborted).ConfigureAwait(false);
                    throw new HubApiException(StatusCodes.Status400BadRequest, $"To delete the deployment, type its name, {name}, in the confirmation field.");
                }

                await deployments.DeleteAsync(caller, name, HttpContext.RequestAborted).ConfigureAwait(false);
                return Redirect(DeploymentsModel.Path + "?done=" + Uri.EscapeDataString($"Deployment {name} deleted, with its versions and keys."));
            }
            catch (HubApiException e) when (e.StatusCode != StatusCodes.Status404NotFound)
            {
                Error = e.Message;
                Response.StatusCode = e.StatusCode;
                await LoadAsync(caller, name).ConfigureAwait(false);
                return Page();
            }
            catch (HubApiException e)
            {
                return NotFound(e.Message);
            }
        });

    /// <summary>
    /// Runs a change (whose notice, if any, goes with a redirect back to the page, so a reload does not repeat it), then
    /// shows the page; a refusal is shown on the page with its status; a deployment that is not the caller's is 404.
    /// </summary>
    private Task<IActionResult> WithPageAsync(string name, Func<Caller, Task<string?>> change) =>
        WithCallerAsync(async caller =>
        {
            try
            {
                var notice = await change(caller).ConfigureAwait(false);
                if (notice is not null && HttpMethods.IsPost(Request.Method))
                {
                    return Redirect($"{DeploymentsModel.Path}/{name}?done={Uri.EscapeDataString(notice)}");
                }
            }
            catch (HubApiException e) when (e.StatusCode != StatusCodes.Status404NotFound)
            {
                Error = e.Message;
                Response.StatusCode = e.StatusCode;
            }

            try
            {
                await LoadAsync(caller, name).ConfigureAwait(false);
            }
            catch (HubApiException e) when (e.StatusCode == StatusCodes.Status404NotFound)
            {
                return NotFound(e.Message);
            }

            return Page();
        });

    private async Task LoadAsync(Caller caller, string name)
    {
        Deployment = await deployments.GetAsync(caller, name, Request, HttpContext.RequestAborted).ConfigureAwait(false);
        Metrics = await deployments.MetricsAsync(caller, name, HttpContext.RequestAborted).ConfigureAwait(false);
        Keys = await deployments.ListKeysAsync(caller, name, HttpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>What the traffic field of a version shows: what was typed (after a refusal), else its share.</summary>
    public string SplitValue(DeploymentVersionModel version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return TypedSplit.TryGetValue(version.Version, out var typed) ? typed : version.Traffic.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A tensor's shape as text: <c>[-1, 4]</c> (−1: any size).</summary>
    public static string Shape(IReadOnlyList<int> dimensions) =>
        "[" + string.Join(", ", (dimensions ?? []).Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}
