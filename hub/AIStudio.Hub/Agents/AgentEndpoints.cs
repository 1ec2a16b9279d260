using AIStudio.Hub.Audit;
using AIStudio.Hub.Auth;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Plans;

namespace AIStudio.Hub.Agents;

/// <summary>
/// What agents in notebooks ask the hub: <c>GET /hub/api/agents/policy</c> (the caller's plan and whether it includes
/// multi-agent orchestration) and <c>POST /hub/api/usage/agents</c> (a run's tokens and estimated cost, metered per user
/// and organization per month; a multi-agent run on a plan without orchestration is refused with 403, naming the plan).
/// A kernel's own token (scope <c>self</c>) may do both.
/// </summary>
public static class AgentEndpoints
{
    public const string PolicyRoute = "/hub/api/agents/policy";
    public const string UsageRoute = "/hub/api/usage/agents";

    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);

        routes.MapGet(PolicyRoute, async (Caller caller, PlanService plans, CancellationToken cancellationToken) =>
        {
            // Any token of the user may read the plan it acts under (as /hub/api/user tells who it acts for).
            var (_, plan) = await plans.PlanOfAsync(caller.PrimaryOrganizationId, cancellationToken).ConfigureAwait(false);
            return Results.Json(new AgentPolicyModel(plan.Name, plan.AgentOrchestration));
        });

        routes.MapPost(UsageRoute, async (HttpRequest request, Caller caller, PlanService plans, AgentUsageMeter meter, AuditLog audit,
            CancellationToken cancellationToken) =>
        {
            // Agents run in the user's kernels: reporting their use takes the right to run kernels.
            caller.Require(Scopes.Kernels, caller.Self);
            var report = AgentUsageReport.Parse(await RequestJson.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false));
            var (organization, plan) = await plans.PlanOfAsync(caller.PrimaryOrganizationId, cancellationToken).ConfigureAwait(false);
            if (report.Orchestration && !plan.AgentOrchestration)
            {
                throw QuotaRefusal.Refuse(audit, caller.UserName, organization.Slug,
                    $"The {plan.DisplayName} plan does not include multi-agent orchestration: multi-agent orchestration needs the Professional or Enterprise plan. " +
                    "Run one agent at a time, or ask for an upgrade.");
            }

            await meter.BookAsync(caller.UserId, organization.Id, report, cancellationToken).ConfigureAwait(false);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        return routes;
    }
}
