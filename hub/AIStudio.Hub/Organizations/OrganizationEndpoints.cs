using AIStudio.Hub.Accounts;
using AIStudio.Hub.Audit;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Plans;
using AIStudio.Hub.Tokens;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Organizations;

/// <summary>
/// <c>/hub/api/orgs</c>: organizations, their members and roles, their plan and usage. Anyone signed in may create one
/// (and owns it); plans and limits are set by hub administrators.
/// </summary>
public static class OrganizationEndpoints
{
    private static readonly string[] LimitNames = ["storage_bytes", "gpu_seconds_per_month", "concurrent_kernels", "projects"];

    public static IEndpointRouteBuilder MapOrganizationsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/hub/api/orgs", async (Caller caller, OrganizationDirectory organizations, CancellationToken cancellationToken) =>
            Results.Json((await organizations.ListAsync(caller, cancellationToken).ConfigureAwait(false)).Select(OrganizationModel.From).ToArray()));

        routes.MapPost("/hub/api/orgs", async (HttpRequest request, Caller caller, HubDbContext db, AuditLog audit, TimeProvider time, CallerCache callers, CancellationToken cancellationToken) =>
        {
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var slug = (body.GetString("slug") ?? throw new HubApiException(StatusCodes.Status400BadRequest, "'slug' is required.")).Trim().ToLowerInvariant();
            if (!UserNames.IsValidOrganization(slug))
            {
                throw new HubApiException(StatusCodes.Status400BadRequest, $"Invalid organization slug '{slug}': use 2-63 lower-case letters, digits and -, starting with a letter or digit.");
            }

            var plan = PlanCatalog.Require(body.GetString("plan") ?? PlanCatalog.Free).Name;

            if (plan != PlanCatalog.Free && !caller.CanEverywhere(Scopes.AdminOrgs))
            {
                throw new HubApiException(StatusCodes.Status403Forbidden, "A new organization starts on the Free plan; a hub administrator sets paid plans.");
            }

            if (await db.Organizations.AnyAsync(o => o.Slug == slug, cancellationToken).ConfigureAwait(false))
            {
                throw new HubApiException(StatusCodes.Status409Conflict, $"Organization {slug} already exists.");
            }

            var now = time.GetUtcNow();
            var organization = new Organization { Slug = slug, Name = body.GetString("name") ?? slug, Plan = plan, CreatedAt = now };
            db.Organizations.Add(organization);
            db.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = caller.UserId, Role = OrganizationRole.Owner, JoinedAt = now });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            callers.Evict(caller.UserId);
            await audit.RecordAsync(caller.UserName, AuditActions.OrganizationCreated, slug, organization.Id).ConfigureAwait(false);
            return Results.Json(OrganizationModel.From(organization), statusCode: StatusCodes.Status201Created);
        });

        routes.MapGet("/hub/api/orgs/{slug}", async (string slug, Caller caller, OrganizationDirectory organizations, CancellationToken cancellationToken) =>
            Results.Json(OrganizationModel.From(await organizations.FindAsync(caller, slug, Scopes.ReadOrgs, cancellationToken).ConfigureAwait(false))));

        routes.MapPatch("/hub/api/orgs/{slug}", async (string slug, HttpRequest request, Caller caller, OrganizationDirectory organizations, HubDbContext db,
            AuditLog audit, CancellationToken cancellationToken) =>
        {
            var organization = await organizations.FindAsync(caller, slug, Scopes.AdminOrgs, cancellationToken).ConfigureAwait(false);
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            organization.Name = body.GetString("name") ?? organization.Name;
            var plan = body.GetString("plan");
            var limits = LimitNames.Where(k => body?.TryGetProperty(k, out _) == true).ToArray();
            if (plan is not null || limits.Length > 0)
            {
                PlanService.EnsureMayChangePlans(caller);

                organization.Plan = plan is null ? organization.Plan : PlanCatalog.Require(plan).Name;
                organization.StorageBytesLimit = Limit(body, "storage_bytes", organization.StorageBytesLimit is { } s ? s : null) is { } storage ? (long)storage : null;
                organization.GpuSecondsPerMonthLimit = Limit(body, "gpu_seconds_per_month", organization.GpuSecondsPerMonthLimit);
                organization.ConcurrentKernelsLimit = Limit(body, "concurrent_kernels", organization.ConcurrentKernelsLimit) is { } kernels ? (int)kernels : null;
                organization.ProjectsLimit = Limit(body, "projects", organization.ProjectsLimit) is { } projects ? (int)projects : null;
                await audit.RecordAsync(caller.UserName, AuditActions.PlanChanged, slug, organization.Id, $"plan {organization.Plan}, limits set: {string.Join(", ", limits)}").ConfigureAwait(false);
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return Results.Json(OrganizationModel.From(organization));
        });

        routes.MapGet("/hub/api/orgs/{slug}/members", async (string slug, Caller caller, OrganizationDirectory organizations, OrganizationMembers members, CancellationToken cancellationToken) =>
        {
            var organization = await organizations.FindAsync(caller, slug, Scopes.ReadUsers, cancellationToken).ConfigureAwait(false);
            return Results.Json(await members.ListAsync(organization, cancellationToken).ConfigureAwait(false));
        });

        routes.MapPut("/hub/api/orgs/{slug}/members/{name}", async (string slug, string name, HttpRequest request, Caller caller, OrganizationDirectory organizations,
            OrganizationMembers members, CancellationToken cancellationToken) =>
        {
            var organization = await organizations.FindAsync(caller, slug, Scopes.AdminUsers, cancellationToken).ConfigureAwait(false);
            var body = await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var role = OrganizationDirectory.ParseRole(body.GetString("role") ?? "member");
            var (member, created) = await members.SetRoleAsync(caller, organization, name, role, cancellationToken).ConfigureAwait(false);
            return Results.Json(member, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });

        routes.MapDelete("/hub/api/orgs/{slug}/members/{name}", async (string slug, string name, Caller caller, OrganizationDirectory organizations,
            OrganizationMembers members, CancellationToken cancellationToken) =>
        {
            var organization = await organizations.FindAsync(caller, slug, Scopes.AdminUsers, cancellationToken).ConfigureAwait(false);
            await members.RemoveAsync(caller, organization, name, cancellationToken).ConfigureAwait(false);
            return Results.NoContent();
        });

        routes.MapGet("/hub/api/orgs/{slug}/usage", async (string slug, Caller caller, OrganizationDirectory organizations, PlanService plans, CancellationToken cancellationToken) =>
        {
            var organization = await organizations.FindAsync(caller, slug, Scopes.ReadUsage, cancellationToken).ConfigureAwait(false);
            return Results.Json(await plans.OrganizationUsageAsync(organization, cancellationToken).ConfigureAwait(false));
        });
        return routes;
    }

    private static double? Limit(System.Text.Json.JsonElement? body, string name, double? current) =>
        body?.TryGetProperty(name, out var value) == true
            ? value.ValueKind == System.Text.Json.JsonValueKind.Null ? null : body.GetNumber(name) is { } number && number >= 0 ? number
                : throw new HubApiException(StatusCodes.Status400BadRequest, $"'{name}' must be a number ≥ 0, or null for the plan's own.")
            : current;
}
