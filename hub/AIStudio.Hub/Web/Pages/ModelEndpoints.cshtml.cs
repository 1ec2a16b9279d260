using System.Globalization;
using System.Text.Json;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.ModelEndpoints;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AIStudio.Hub.Web.Pages;

/// <summary>
/// The signed-in user's model endpoints and their organizations' (for agents in notebooks): list, add (the key typed in a
/// password field, kept encrypted, never shown again), delete. Owners and admins of a shared organization add and delete
/// its endpoints; its other members see them. The same rules and checks as <c>/hub/api/model-endpoints</c>.
/// </summary>
[AllowAnonymous]
public sealed class ModelEndpointsModel(CallerResolver callers, ModelEndpointStore endpoints)
    : SignedInPageModel(callers)
{
    public const string Path = "/hub/model-endpoints";

    public IReadOnlyList<ModelEndpointModel> Items { get; private set; } = [];

    /// <summary>The shared organizations whose endpoints the caller configures (slugs).</summary>
    public IReadOnlyList<string> Administered { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public Task<IActionResult> OnGetAsync(string? done) =>
        WithCallerAsync(async caller =>
        {
            Notice = done;
            await ListAsync(caller).ConfigureAwait(false);
            return Page();
        });

    public Task<IActionResult> OnPostCreateAsync(string? name, string? owner, string? provider, string? baseUrl, string? model, string? apiKey,
        string? inputCost, string? outputCost, bool isDefault) =>
        WithCallerAsync(async caller =>
        {
            try
            {
                var body = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["name"] = name?.Trim() ?? "",
                    ["provider"] = provider,
                    ["base_url"] = string.IsNullOrWhiteSpace(baseUrl) ? null : baseUrl,
                    ["model"] = model ?? "",
                    ["is_default"] = isDefault,
                };
                if (!string.IsNullOrEmpty(owner))
                {
                    body["scope"] = ModelEndpointScopes.Organization;
                    body["organization"] = owner;
                }

                if (!string.IsNullOrEmpty(apiKey))
                {
                    body["api_key"] = apiKey;
                }

                body["input_cost_per_million"] = Price(inputCost, "Input price");
                body["output_cost_per_million"] = Price(outputCost, "Output price");
                var (created, _) = await endpoints.CreateAsync(caller, JsonSerializer.SerializeToElement(body), HttpContext.RequestAborted).ConfigureAwait(false);
                return Redirect(Path + "?done=" + Uri.EscapeDataString($"Model endpoint {created.Name} added{(created.Organization is { } org ? $" for {org}" : "")}."));
            }
            catch (HubApiException e)
            {
                Error = e.Message;
                Response.StatusCode = e.StatusCode;
                await ListAsync(caller).ConfigureAwait(false);
                return Page();
            }
        });

    public Task<IActionResult> OnPostDeleteAsync(string? name, string? organization) =>
        WithCallerAsync(async caller =>
        {
            try
            {
                await endpoints.DeleteAsync(caller, name ?? "", string.IsNullOrEmpty(organization) ? null : organization, HttpContext.RequestAborted).ConfigureAwait(false);
                return Redirect(Path + "?done=" + Uri.EscapeDataString($"Model endpoint {name} deleted."));
            }
            catch (HubApiException e)
            {
                Error = e.Message;
                Response.StatusCode = e.StatusCode;
                await ListAsync(caller).ConfigureAwait(false);
                return Page();
            }
        });

    /// <summary>Whether the caller may delete this endpoint here (their own, or an organization's they administer).</summary>
    public bool MayDelete(ModelEndpointModel endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Organization is not { } slug || Administered.Contains(slug, StringComparer.Ordinal);
    }

    /// <summary>A price as typed (either decimal separator), or null when left empty.</summary>
    private static double? Price(string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var price)
            ? price
            : throw new HubApiException(StatusCodes.Status400BadRequest, $"{label}: give US dollars per million tokens as a number, e.g. 0.15, or leave it empty.");
    }

    private async Task ListAsync(Caller caller)
    {
        Items = await endpoints.ListAsync(caller, HttpContext.RequestAborted).ConfigureAwait(false);
        Administered =
        [
            .. caller.Memberships
                .Where(m => !m.Slug.StartsWith('~') && caller.Can(Scopes.AdminUsers, ScopeTarget.Organization(m.Slug)))
                .Select(m => m.Slug).Order(StringComparer.Ordinal),
        ];
    }
}
