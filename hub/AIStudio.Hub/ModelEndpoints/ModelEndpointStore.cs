using System.Text.Json;
using AIStudio.Hub.Audit;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Organizations;
using AIStudio.Hub.Secrets;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.ModelEndpoints;

/// <summary>
/// The caller's model endpoints and those of their organizations. Anyone configures their own; an organization's are
/// configured by its owners and admins (others: 403) and used by all its members; an organization the caller is not in
/// answers 404, as does another user's endpoint. Keys go to the <see cref="SecretStore"/> and come back only through
/// <see cref="CredentialsAsync"/>, which is audited. Reading takes <c>read:contents</c> on the caller, changing their own
/// <c>contents</c>, changing an organization's <c>admin:users</c> on it: a kernel's token (scope <c>self</c>) reads
/// credentials, reports usage and manages its user's own endpoints, never an organization's.
/// </summary>
public sealed class ModelEndpointStore(HubDbContext db, SecretStore secrets, AuditLog audit, TimeProvider time)
{
    /// <summary>The caller's own endpoints, then their organizations' (by slug), each by name; never a key.</summary>
    public async Task<IReadOnlyList<ModelEndpointModel>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.ReadContents, caller.Self);
        var slugs = caller.Memberships.ToDictionary(m => m.OrganizationId, m => m.Slug, StringComparer.Ordinal);
        var organizationIds = slugs.Keys.ToArray();
        var endpoints = await db.ModelEndpoints.AsNoTracking()
            .Where(e => e.OwnerId == caller.UserId || (e.OrganizationId != null && organizationIds.Contains(e.OrganizationId)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return
        [
            .. endpoints
                .Select(e => ModelEndpointModel.From(e, e.OrganizationId is { } id ? slugs.GetValueOrDefault(id) : null))
                .OrderBy(e => e.Organization is null ? 0 : 1).ThenBy(e => e.Organization, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal),
        ];
    }

    /// <summary>Creates an endpoint (<c>POST</c>): 400 naming a missing or bad field, 409 when the name is taken in that scope.</summary>
    public async Task<(ModelEndpointModel Model, string Location)> CreateAsync(Caller caller, JsonElement? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var fields = ModelEndpointFields.Parse(body);
        var name = ModelEndpointNames.Require(fields.Name);
        var scope = fields.Scope ?? (fields.Organization is null ? ModelEndpointScopes.User : ModelEndpointScopes.Organization);
        if (scope == ModelEndpointScopes.User && fields.Organization is not null)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "'organization' goes with \"scope\": \"org\": leave it out for an endpoint of your own.");
        }

        if (scope == ModelEndpointScopes.Organization && fields.Organization is null)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "'organization' is required with \"scope\": \"org\": the slug of the organization whose endpoint it is.");
        }

        var organization = await ForWritingAsync(caller, fields.Organization, cancellationToken).ConfigureAwait(false);
        var provider = ModelEndpointProviders.Require(fields.Provider);
        var now = time.GetUtcNow();
        var endpoint = new ModelEndpoint
        {
            Name = name,
            OwnerId = organization is null ? caller.UserId : null,
            OrganizationId = organization?.Id,
            Provider = provider,
            BaseUrl = fields.BaseUrl ?? (provider == ModelEndpointProviders.OpenAI ? ModelEndpointProviders.OpenAIBaseUrl : ModelEndpointFields.RequireBaseUrl(null)),
            Model = fields.Model ?? ModelEndpointFields.RequireModel(null),
            InputCostPerMillion = fields.InputCostPerMillion,
            OutputCostPerMillion = fields.OutputCostPerMillion,
            IsDefault = fields.IsDefault ?? false,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await InScope(endpoint).AnyAsync(e => e.Name == name, cancellationToken).ConfigureAwait(false))
        {
            throw Taken(name, organization);
        }

        if (fields.ApiKey is { Length: > 0 } key)
        {
            endpoint.SecretId = secrets.Add(SecretPurposes.ModelEndpointKey, endpoint.OwnerId, endpoint.OrganizationId, key).Id;
        }

        if (endpoint.IsDefault)
        {
            await ClearDefaultAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }

        db.ModelEndpoints.Add(endpoint);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            if (await InScope(endpoint).AnyAsync(other => other.Name == name, CancellationToken.None).ConfigureAwait(false))
            {
                // Another request made the same name first.
                throw Taken(name, organization, e);
            }

            throw;
        }

        await audit.RecordAsync(caller.UserName, AuditActions.ModelEndpointCreated, Target(endpoint, organization), organization?.Id ?? caller.PrimaryOrganizationId,
            $"{Describe(endpoint)}; key {(endpoint.SecretId is null ? "none" : "set")}").ConfigureAwait(false);
        return (ModelEndpointModel.From(endpoint, organization?.Slug), Location(endpoint.Name, organization));
    }

    /// <summary>
    /// Changes the fields the body gives (<c>PUT</c>); <c>api_key</c> left out keeps the key, <c>""</c> removes it. The
    /// organization's endpoint when <paramref name="organizationSlug"/> (or the body's <c>organization</c>) names one.
    /// </summary>
    public async Task<ModelEndpointModel> UpdateAsync(Caller caller, string name, string? organizationSlug, JsonElement? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var fields = ModelEndpointFields.Parse(body);
        var slug = organizationSlug is { Length: > 0 } ? organizationSlug : fields.Organization;
        if (fields.Organization is not null && organizationSlug is { Length: > 0 } && fields.Organization != organizationSlug)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "'organization' in the body differs from ?organization= in the URL: an endpoint cannot move to another organization.");
        }

        if (fields.Scope is { } scope && scope != (slug is null ? ModelEndpointScopes.User : ModelEndpointScopes.Organization))
        {
            throw new HubApiException(StatusCodes.Status400BadRequest,
                "'scope' cannot change: delete the endpoint and create it again in the other scope (an organization's is named with ?organization=slug).");
        }

        var organization = await ForWritingAsync(caller, slug, cancellationToken).ConfigureAwait(false);
        var endpoint = await FindAsync(caller, name, organization, tracked: true, cancellationToken).ConfigureAwait(false);
        var changed = new List<string>();
        if (fields.Name is { } rename && rename != endpoint.Name)
        {
            if (await InScope(endpoint).AnyAsync(e => e.Name == rename, cancellationToken).ConfigureAwait(false))
            {
                throw Taken(rename, organization);
            }

            changed.Add($"renamed from {endpoint.Name}");
            endpoint.Name = rename;
        }

        Set(fields.Provider, endpoint.Provider, v => endpoint.Provider = v, "provider", changed);
        Set(fields.BaseUrl, endpoint.BaseUrl, v => endpoint.BaseUrl = v, "base_url", changed);
        Set(fields.Model, endpoint.Model, v => endpoint.Model = v, "model", changed);
        if (fields.HasInputCost && fields.InputCostPerMillion != endpoint.InputCostPerMillion)
        {
            endpoint.InputCostPerMillion = fields.InputCostPerMillion;
            changed.Add("input_cost_per_million");
        }

        if (fields.HasOutputCost && fields.OutputCostPerMillion != endpoint.OutputCostPerMillion)
        {
            endpoint.OutputCostPerMillion = fields.OutputCostPerMillion;
            changed.Add("output_cost_per_million");
        }

        if (fields.IsDefault is { } isDefault && isDefault != endpoint.IsDefault)
        {
            endpoint.IsDefault = isDefault;
            changed.Add(isDefault ? "made the default" : "no longer the default");
            if (isDefault)
            {
                await ClearDefaultAsync(endpoint, cancellationToken).ConfigureAwait(false);
            }
        }

        var key = await UpdateKeyAsync(endpoint, fields.ApiKey, cancellationToken).ConfigureAwait(false);
        endpoint.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (fields.Name is { } taken && taken != name)
        {
            db.ChangeTracker.Clear();
            throw Taken(taken, organization, e);
        }

        await audit.RecordAsync(caller.UserName, AuditActions.ModelEndpointUpdated, Target(endpoint, organization), organization?.Id ?? caller.PrimaryOrganizationId,
            $"{Describe(endpoint)}; changed: {(changed.Count == 0 ? "nothing" : string.Join(", ", changed))}; key {key}").ConfigureAwait(false);
        return ModelEndpointModel.From(endpoint, organization?.Slug);
    }

    /// <summary>Deletes the endpoint and its key (<c>DELETE</c>).</summary>
    public async Task DeleteAsync(Caller caller, string name, string? organizationSlug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var organization = await ForWritingAsync(caller, organizationSlug is { Length: > 0 } ? organizationSlug : null, cancellationToken).ConfigureAwait(false);
        var endpoint = await FindAsync(caller, name, organization, tracked: true, cancellationToken).ConfigureAwait(false);
        await secrets.RemoveAsync(endpoint.SecretId, cancellationToken).ConfigureAwait(false);
        db.ModelEndpoints.Remove(endpoint);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(caller.UserName, AuditActions.ModelEndpointDeleted, Target(endpoint, organization), organization?.Id ?? caller.PrimaryOrganizationId,
            Describe(endpoint)).ConfigureAwait(false);
    }

    /// <summary>
    /// What a client needs to call the endpoint, key included: the caller's own endpoint of that name, else their
    /// organizations' (their primary organization's first, then by slug), or the one of the organization named. Audited.
    /// </summary>
    public async Task<ModelEndpointCredentialsModel> CredentialsAsync(Caller caller, string name, string? organizationSlug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.ReadContents, caller.Self);
        var memberships = caller.Memberships
            .Where(m => organizationSlug is not { Length: > 0 } || m.Slug == organizationSlug)
            .OrderBy(m => m.OrganizationId == caller.PrimaryOrganizationId ? 0 : 1).ThenBy(m => m.Slug, StringComparer.Ordinal)
            .ToList();
        if (organizationSlug is { Length: > 0 } && memberships.Count == 0)
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"No such organization: {ModelEndpointText.Shorten(organizationSlug)}");
        }

        ModelEndpoint? endpoint = null;
        if (ModelEndpointNames.IsValid(name))
        {
            var organizationIds = memberships.Select(m => m.OrganizationId).ToArray();
            var own = organizationSlug is not { Length: > 0 };
            var candidates = await db.ModelEndpoints.AsNoTracking()
                .Where(e => e.Name == name && ((own && e.OwnerId == caller.UserId) || (e.OrganizationId != null && organizationIds.Contains(e.OrganizationId))))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            endpoint = candidates.FirstOrDefault(e => e.OwnerId is not null)
                ?? memberships.Select(m => candidates.FirstOrDefault(e => e.OrganizationId == m.OrganizationId)).FirstOrDefault(e => e is not null);
        }

        if (endpoint is null)
        {
            throw NotFound(name, organizationSlug);
        }

        var key = await secrets.RevealAsync(endpoint.SecretId, cancellationToken).ConfigureAwait(false);
        var slug = endpoint.OrganizationId is { } id ? memberships.First(m => m.OrganizationId == id).Slug : null;
        var by = caller.TokenId is { } token ? $"API token {token}" : "a browser session or OAuth access token";
        await audit.RecordAsync(caller.UserName, AuditActions.ModelEndpointCredentialsRead, slug is null ? endpoint.Name : $"{slug}/{endpoint.Name}",
            endpoint.OrganizationId ?? caller.PrimaryOrganizationId, $"read by {by}; key {(key is null ? "none" : "handed out")}").ConfigureAwait(false);
        return new ModelEndpointCredentialsModel(endpoint.Name, endpoint.Provider, endpoint.BaseUrl, endpoint.Model, key,
            endpoint.InputCostPerMillion, endpoint.OutputCostPerMillion);
    }

    /// <summary>The URL of an endpoint in the API.</summary>
    public static string Location(string name, Organization? organization) =>
        $"{ModelEndpointEndpoints.Route}/{name}{(organization is null ? "" : "?organization=" + Uri.EscapeDataString(organization.Slug))}";

    /// <summary>
    /// Null (the caller's own endpoints, which need <c>contents</c> on them), or the organization named, which the caller
    /// must be in (404 otherwise, unless a hub administrator) and administer (<c>admin:users</c> on it; 403 otherwise).
    /// </summary>
    private async Task<Organization?> ForWritingAsync(Caller caller, string? slug, CancellationToken cancellationToken)
    {
        if (slug is null)
        {
            caller.Require(Scopes.Contents, caller.Self);
            return null;
        }

        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken).ConfigureAwait(false);
        if (organization is null || !(caller.Memberships.Any(m => m.OrganizationId == organization.Id) || caller.CanEverywhere(Scopes.ReadOrgs)))
        {
            throw new HubApiException(StatusCodes.Status404NotFound, $"No such organization: {ModelEndpointText.Shorten(slug)}");
        }

        if (organization.IsPersonal)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest,
                $"'organization': {slug} is a personal organization; an endpoint of your own is \"scope\": \"user\" (no organization).");
        }

        return caller.Can(Scopes.AdminUsers, ScopeTarget.Organization(slug))
            ? organization
            : throw new HubApiException(StatusCodes.Status403Forbidden,
                $"Only owners and admins of {slug} configure its model endpoints (an API token must carry admin:users!org={slug}); its members use them.");
    }

    private async Task<ModelEndpoint> FindAsync(Caller caller, string name, Organization? organization, bool tracked, CancellationToken cancellationToken)
    {
        var endpoints = tracked ? db.ModelEndpoints : db.ModelEndpoints.AsNoTracking();
        var found = ModelEndpointNames.IsValid(name)
            ? await (organization is null
                    ? endpoints.Where(e => e.OwnerId == caller.UserId && e.Name == name)
                    : endpoints.Where(e => e.OrganizationId == organization.Id && e.Name == name))
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;
        return found ?? throw NotFound(name, organization?.Slug);
    }

    /// <summary>The endpoints that share a scope (and so a name space and a default) with this one.</summary>
    private IQueryable<ModelEndpoint> InScope(ModelEndpoint endpoint) =>
        endpoint.OrganizationId is { } organizationId
            ? db.ModelEndpoints.Where(e => e.OrganizationId == organizationId)
            : db.ModelEndpoints.Where(e => e.OwnerId == endpoint.OwnerId);

    /// <summary>One default per scope: the others stop being it, saved with the change.</summary>
    private async Task ClearDefaultAsync(ModelEndpoint endpoint, CancellationToken cancellationToken)
    {
        foreach (var other in await InScope(endpoint).Where(e => e.IsDefault && e.Id != endpoint.Id).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            other.IsDefault = false;
        }
    }

    /// <summary>Applies <c>api_key</c>: null keeps the key, empty removes it, a value sets or replaces it. Says which, for the audit.</summary>
    private async Task<string> UpdateKeyAsync(ModelEndpoint endpoint, string? key, CancellationToken cancellationToken)
    {
        switch (key)
        {
            case null:
                return endpoint.SecretId is null ? "none" : "kept";
            case "":
                if (endpoint.SecretId is null)
                {
                    return "none";
                }

                await secrets.RemoveAsync(endpoint.SecretId, cancellationToken).ConfigureAwait(false);
                endpoint.SecretId = null;
                return "removed";
            default:
                if (await secrets.FindAsync(endpoint.SecretId, cancellationToken).ConfigureAwait(false) is { } secret)
                {
                    secrets.Replace(secret, key);
                    return "replaced";
                }

                endpoint.SecretId = secrets.Add(SecretPurposes.ModelEndpointKey, endpoint.OwnerId, endpoint.OrganizationId, key).Id;
                return "set";
        }
    }

    private static void Set(string? value, string current, Action<string> set, string field, List<string> changed)
    {
        if (value is not null && value != current)
        {
            set(value);
            changed.Add(field);
        }
    }

    private static string Target(ModelEndpoint endpoint, Organization? organization) =>
        organization is null ? endpoint.Name : $"{organization.Slug}/{endpoint.Name}";

    /// <summary>The endpoint for the audit log: never its key (a base URL holds no credentials: <see cref="ModelEndpointFields.RequireBaseUrl"/>).</summary>
    private static string Describe(ModelEndpoint endpoint) =>
        $"{(endpoint.OrganizationId is null ? ModelEndpointScopes.User : ModelEndpointScopes.Organization)} endpoint: {endpoint.Provider} {endpoint.Model} at {endpoint.BaseUrl}" +
        (endpoint.IsDefault ? ", default" : "");

    private static HubApiException Taken(string name, Organization? organization, Exception? inner = null) => new(StatusCodes.Status409Conflict,
        organization is null
            ? $"You already have a model endpoint named '{name}': change it with PUT {ModelEndpointEndpoints.Route}/{name}, or choose another name."
            : $"{organization.Slug} already has a model endpoint named '{name}': change it with PUT {ModelEndpointEndpoints.Route}/{name}?organization={organization.Slug}, or choose another name.",
        inner);

    private static HubApiException NotFound(string name, string? organizationSlug) => new(StatusCodes.Status404NotFound,
        organizationSlug is null
            ? $"No model endpoint named '{ModelEndpointText.Shorten(name)}': GET {ModelEndpointEndpoints.Route} lists yours and your organizations' (an organization's is named with ?organization=slug)."
            : $"{ModelEndpointText.Shorten(organizationSlug)} has no model endpoint named '{ModelEndpointText.Shorten(name)}': GET {ModelEndpointEndpoints.Route} lists them.");
}
