using AIStudio.Hub.Accounts;
using AIStudio.Hub.Audit;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Deployments;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Kernels;
using AIStudio.Hub.Organizations;
using AIStudio.Hub.Plans;
using AIStudio.Hub.Tokens;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AIStudio.Hub.Users;

/// <summary>
/// JupyterHub's user routes under <c>/hub/api/users</c> (list, create one or many, get, patch, delete), plus a user's
/// kernels and usage. A user the caller may not read answers 404, as if it did not exist.
/// </summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/hub/api/users", async (int? offset, int? limit, Caller caller, UserDirectory users, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        {
            if (offset < 0 || limit < 1)
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, "offset must be ≥ 0 and limit ≥ 1.");
            }

            return new JsonArrayResult(await users.ListJsonAsync(caller, offset ?? 0, Math.Min(limit ?? 200, 200), json.Value.SerializerOptions, cancellationToken).ConfigureAwait(false));
        }).Produces<IReadOnlyList<UserModel>>();

        routes.MapPost("/hub/api/users", async (HttpRequest request, Caller caller, AccountService accounts, OrganizationDirectory organizations,
            UserDirectory users, AuditLog audit, CancellationToken cancellationToken) =>
        {
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var names = body.GetStrings("usernames") ?? throw new HubApiException(StatusCodes.Status400BadRequest, "'usernames' (an array of names) is required.");
            var created = new List<HubUser>();
            foreach (var name in names)
            {
                created.Add(await CreateAsync(caller, name, body, accounts, organizations, audit, cancellationToken).ConfigureAwait(false));
            }

            return Results.Json(await users.ModelsAsync(created, cancellationToken).ConfigureAwait(false), statusCode: StatusCodes.Status201Created);
        });

        routes.MapPost("/hub/api/users/{name}", async (string name, HttpRequest request, Caller caller, AccountService accounts,
            OrganizationDirectory organizations, UserDirectory users, AuditLog audit, CancellationToken cancellationToken) =>
        {
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var user = await CreateAsync(caller, name, body, accounts, organizations, audit, cancellationToken).ConfigureAwait(false);
            return Results.Json(await users.ModelAsync(user, cancellationToken).ConfigureAwait(false), statusCode: StatusCodes.Status201Created);
        });

        routes.MapGet("/hub/api/users/{name}", async (string name, Caller caller, UserDirectory users, CancellationToken cancellationToken) =>
        {
            var (user, _) = await users.FindAsync(caller, name, Scopes.ReadUsers, cancellationToken).ConfigureAwait(false);
            return Results.Json(await users.ModelAsync(user, cancellationToken).ConfigureAwait(false));
        });

        routes.MapPatch("/hub/api/users/{name}", async (string name, HttpRequest request, Caller caller, UserDirectory users,
            UserManager<HubUser> manager, TokenValidator tokens, AuditLog audit, CancellationToken cancellationToken) =>
        {
            var (user, _) = await users.FindAsync(caller, name, Scopes.AdminUsers, cancellationToken).ConfigureAwait(false);
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            if (body.GetString("name") is { } rename && UserNames.Normalize(rename) != user.UserName)
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, "Renaming users is not supported: create a new user instead.");
            }

            if (body.GetBool("admin") is { } admin && admin != user.IsAdmin)
            {
                if (!caller.CanEverywhere(Scopes.AdminUsers))
                {
                    throw new HubApiException(StatusCodes.Status403Forbidden, "Only hub administrators can grant or remove the admin flag.");
                }

                user.IsAdmin = admin;
                await audit.RecordAsync(caller.UserName, AuditActions.UserAdminChanged, user.UserName!, detail: admin ? "granted" : "removed").ConfigureAwait(false);
            }

            if (body.GetString("email") is { } email)
            {
                user.Email = email.Length == 0 ? null : email;
            }

            if (body.GetString("password") is { } password)
            {
                var reset = await manager.RemovePasswordAsync(user).ConfigureAwait(false);
                reset = reset.Succeeded ? await manager.AddPasswordAsync(user, password).ConfigureAwait(false) : reset;
                if (!reset.Succeeded)
                {
                    throw new HubApiException(StatusCodes.Status400BadRequest, string.Join(" ", reset.Errors.Select(e => e.Description)));
                }
            }

            await manager.UpdateAsync(user).ConfigureAwait(false);
            tokens.EvictUser(user.Id);
            return Results.Json(await users.ModelAsync(user, cancellationToken).ConfigureAwait(false));
        });

        routes.MapDelete("/hub/api/users/{name}", async (string name, Caller caller, UserDirectory users, AccountService accounts, KernelRegistry kernels,
            PlanService plans, DeploymentStore deployments, TokenValidator tokens, AuditLog audit, CancellationToken cancellationToken) =>
        {
            var (user, target) = await users.FindAsync(caller, name, Scopes.AdminUsers, cancellationToken).ConfigureAwait(false);
            var shared = target.OrganizationSlugs.Where(slug => !slug.StartsWith('~')).ToArray();
            if (!caller.CanEverywhere(Scopes.AdminUsers) && shared.Any(slug => !caller.Can(Scopes.AdminUsers, ScopeTarget.Organization(slug))))
            {
                throw new HubApiException(StatusCodes.Status403Forbidden, $"{user.UserName} belongs to organizations you do not administer; remove them from yours instead.");
            }

            if (user.Id == caller.UserId)
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, "You cannot delete your own account through the admin API.");
            }

            foreach (var kernel in kernels.OwnedBy(user.Id))
            {
                await kernels.StopAsync(kernel.Id, caller.UserName).ConfigureAwait(false);
            }

            // Their deployments first (model files, loaded models, keys, metrics), then the account and their files.
            await deployments.DeleteAllOfAsync(user.Id, user.UserName!, user.PrimaryOrganizationId, caller.UserName, cancellationToken).ConfigureAwait(false);
            await accounts.DeleteAsync(user, cancellationToken).ConfigureAwait(false);
            plans.DeleteFilesOf(user.Id);
            tokens.EvictUser(user.Id);
            await audit.RecordAsync(caller.UserName, AuditActions.UserDeleted, user.UserName!, user.PrimaryOrganizationId).ConfigureAwait(false);
            return Results.NoContent();
        });

        routes.MapGet("/hub/api/users/{name}/kernels", async (string name, Caller caller, UserDirectory users, KernelRegistry kernels, CancellationToken cancellationToken) =>
        {
            var (user, _) = await users.FindAsync(caller, name, Scopes.ReadKernels, cancellationToken).ConfigureAwait(false);
            return Results.Json(kernels.OwnedBy(user.Id).Select(KernelModel.From).ToArray());
        });

        routes.MapDelete("/hub/api/users/{name}/kernels/{id}", async (string name, string id, Caller caller, UserDirectory users, KernelRegistry kernels, CancellationToken cancellationToken) =>
        {
            var (user, _) = await users.FindAsync(caller, name, Scopes.Kernels, cancellationToken).ConfigureAwait(false);
            return kernels.FindOwned(id, user.Id) is not null && await kernels.StopAsync(id, caller.UserName).ConfigureAwait(false)
                ? Results.NoContent()
                : ApiError.NotFound($"Kernel does not exist: {id}");
        });

        routes.MapGet("/hub/api/users/{name}/usage", async (string name, Caller caller, UserDirectory users, PlanService plans, CancellationToken cancellationToken) =>
        {
            var (user, _) = await users.FindAsync(caller, name, Scopes.ReadUsage, cancellationToken).ConfigureAwait(false);
            return Results.Json(await plans.UserUsageAsync(user, cancellationToken).ConfigureAwait(false));
        });
        return routes;
    }

    /// <summary>
    /// Creates a user: in the organization named by <c>org</c> (with <c>role</c>, default member) for whoever administers its
    /// users, or with a personal organization (plan <c>plan</c>, default free) for hub administrators.
    /// </summary>
    private static async Task<HubUser> CreateAsync(Caller caller, string name, System.Text.Json.JsonElement? body, AccountService accounts,
        OrganizationDirectory organizations, AuditLog audit, CancellationToken cancellationToken)
    {
        var admin = body.GetBool("admin") ?? false;
        var orgSlug = body.GetString("org");
        var role = OrganizationDirectory.ParseRole(body.GetString("role") ?? "member");
        if (orgSlug is null && !caller.CanEverywhere(Scopes.AdminUsers))
        {
            var administered = caller.OrganizationsAllowing(Scopes.AdminUsers).Where(slug => !slug.StartsWith('~')).ToArray();
            orgSlug = administered.Length == 1
                ? administered[0]
                : throw new HubApiException(administered.Length == 0 ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest,
                    administered.Length == 0
                        ? $"Action is not authorized with current scopes; requires any of [{Scopes.AdminUsers}]"
                        : $"Say which organization the user joins: 'org' is one of {string.Join(", ", administered)}.");
        }

        if (admin && !caller.CanEverywhere(Scopes.AdminUsers))
        {
            throw new HubApiException(StatusCodes.Status403Forbidden, "Only hub administrators can create administrators.");
        }

        HubUser user;
        if (orgSlug is null)
        {
            var plan = PlanCatalog.Require(body.GetString("plan") ?? PlanCatalog.Free).Name;

            user = await accounts.CreateAsync(name, body.GetString("password"), body.GetString("email"), admin, plan: plan, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var organization = await organizations.FindAsync(caller, orgSlug, Scopes.AdminUsers, cancellationToken).ConfigureAwait(false);
            organizations.EnsureMayAssign(caller, organization, role);
            user = await accounts.CreateAsync(name, body.GetString("password"), body.GetString("email"), admin, organization.Id, role, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await audit.RecordAsync(caller.UserName, AuditActions.UserCreated, user.UserName!, user.PrimaryOrganizationId, orgSlug is null ? "personal organization" : $"in {orgSlug}").ConfigureAwait(false);
        return user;
    }
}
