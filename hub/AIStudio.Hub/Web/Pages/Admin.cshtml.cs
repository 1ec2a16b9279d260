using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Organizations;
using AIStudio.Hub.Plans;
using AIStudio.Hub.Web.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AIStudio.Hub.Web.Pages;

/// <summary>
/// Organization administration: for an organization the caller administers, its plan and this month's usage, its members
/// with their roles (add, change, remove); hub administrators also move it to another plan. The same rules as the REST API
/// (<see cref="OrganizationMembers"/>): an organization the caller cannot see answers 404.
/// </summary>
[AllowAnonymous]
public sealed class AdminModel(CallerResolver callers, OrganizationDirectory organizations, OrganizationMembers members, PlanService plans)
    : SignedInPageModel(callers)
{
    public static IReadOnlyList<string> Roles { get; } = ["owner", "admin", "instructor", "student", "member"];

    /// <summary>The organizations the caller may administer (shared ones; hub administrators see every one).</summary>
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    public Organization? Current { get; private set; }

    public IReadOnlyList<MemberModel> Members { get; private set; } = [];

    public IReadOnlyList<UsageMeterRow> Meters { get; private set; } = [];

    public bool CanChangePlan { get; private set; }

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public Task<IActionResult> OnGetAsync(string? org, string? done) =>
        WithCallerAsync(async caller =>
        {
            Notice = done;
            return await ShowAsync(caller, org).ConfigureAwait(false);
        });

    public Task<IActionResult> OnPostSetRoleAsync(string? org, string? name, string? role) =>
        ActAsync(org, async (caller, organization) =>
        {
            var (member, created) = await members.SetRoleAsync(caller, organization, Require(name, "a user name"), OrganizationDirectory.ParseRole(Require(role, "a role")), HttpContext.RequestAborted).ConfigureAwait(false);
            return created ? $"{member.Name} added as {member.Role}." : $"{member.Name} is now {member.Role}.";
        });

    public Task<IActionResult> OnPostRemoveAsync(string? org, string? name) =>
        ActAsync(org, async (caller, organization) =>
        {
            var userName = Require(name, "a user name");
            await members.RemoveAsync(caller, organization, userName, HttpContext.RequestAborted).ConfigureAwait(false);
            return $"{userName} removed.";
        });

    public Task<IActionResult> OnPostPlanAsync(string? org, string? plan) =>
        ActAsync(org, async (caller, organization) =>
        {
            await plans.ChangePlanAsync(caller, organization, Require(plan, "a plan"), HttpContext.RequestAborted).ConfigureAwait(false);
            return $"{organization.Slug} is now on the {PlanCatalog.Require(organization.Plan).DisplayName} plan.";
        });

    public static string PageUrl(string slug, string? done = null) =>
        "/hub/admin?org=" + Uri.EscapeDataString(slug) + (done is null ? "" : "&done=" + Uri.EscapeDataString(done));


    /// <summary>Runs a change on the organization (which must be one the caller administers); a refusal is shown with its status.</summary>
    private Task<IActionResult> ActAsync(string? org, Func<Caller, Organization, Task<string>> action) =>
        WithCallerAsync(async caller =>
        {
            try
            {
                var organization = await organizations.FindAsync(caller, Require(org, "an organization"), Scopes.AdminUsers, HttpContext.RequestAborted).ConfigureAwait(false);
                var done = await action(caller, organization).ConfigureAwait(false);
                return Redirect(PageUrl(organization.Slug, done));
            }
            catch (HubApiException e)
            {
                Error = e.Message;
                var page = await ShowAsync(caller, org).ConfigureAwait(false);
                Response.StatusCode = e.StatusCode;
                return page;
            }
        });

    private async Task<IActionResult> ShowAsync(Caller caller, string? org)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Organizations =
        [
            .. (await organizations.ListAsync(caller, cancellationToken).ConfigureAwait(false))
                .Where(o => caller.Can(Scopes.AdminUsers, ScopeTarget.Organization(o.Slug)) && (!o.IsPersonal || caller.IsAdmin)),
        ];
        if (Organizations.Count == 0)
        {
            // Nothing to administer: the same answer as for any page that is not theirs.
            return NotFound("You do not administer any organization.");
        }

        Current = org is null ? Organizations.FirstOrDefault(o => !o.IsPersonal) ?? Organizations[0] : Organizations.FirstOrDefault(o => o.Slug == org);
        if (Current is null)
        {
            return NotFound($"No such organization: {org}");
        }

        Members = await members.ListAsync(Current, cancellationToken).ConfigureAwait(false);
        CanChangePlan = caller.CanEverywhere(Scopes.AdminOrgs);
        var usage = await plans.OrganizationUsageAsync(Current, cancellationToken).ConfigureAwait(false);
        Meters =
        [
            UsageMeterRow.Bytes("Storage", usage.StorageBytes, usage.Plan.StorageBytes),
            usage.Plan.GpuKernels ? UsageMeterRow.Hours("GPU time this month", usage.GpuSeconds, usage.Plan.GpuSecondsPerMonth) : UsageMeterRow.NotIncluded("GPU time"),
            UsageMeterRow.Hours("Kernel time this month", usage.KernelSeconds, null),
            UsageMeterRow.Count("Running kernels", usage.RunningKernels, null),
            UsageMeterRow.Tokens("Agent tokens this month", usage.AgentInputTokens, usage.AgentOutputTokens),
            UsageMeterRow.Dollars("Agent cost this month", usage.AgentCostUsd),
        ];
        return Page();
    }

    private static string Require(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new HubApiException(StatusCodes.Status400BadRequest, $"Give {what}.") : value.Trim();
}
