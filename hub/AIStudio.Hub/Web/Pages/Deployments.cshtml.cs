using AIStudio.Hub.Auth;
using AIStudio.Hub.Deployments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AIStudio.Hub.Web.Pages;

/// <summary>
/// The signed-in user's deployments (<c>/hub/deployments</c>): each with its versions, traffic split, endpoint and the
/// requests and latency measured since the hub started. Read through <see cref="DeploymentStore"/>, as the API reads them.
/// </summary>
[AllowAnonymous]
public sealed class DeploymentsModel(CallerResolver callers, DeploymentStore deployments)
    : SignedInPageModel(callers)
{
    public const string Path = "/hub/deployments";

    public IReadOnlyList<(DeploymentModel Deployment, DeploymentMetricsModel Metrics)> Items { get; private set; } = [];

    public string? Notice { get; private set; }

    public Task<IActionResult> OnGetAsync(string? done) =>
        WithCallerAsync(async caller =>
        {
            Notice = done;
            var found = await deployments.ListAsync(caller, Request, HttpContext.RequestAborted).ConfigureAwait(false);
            var items = new List<(DeploymentModel, DeploymentMetricsModel)>();
            foreach (var deployment in found)
            {
                items.Add((deployment, await deployments.MetricsAsync(caller, deployment.Name, HttpContext.RequestAborted).ConfigureAwait(false)));
            }

            Items = items;
            return Page();
        });

    /// <summary>A split as the pages show it: <c>v1 90% · v2 10%</c>.</summary>
    public static string Split(DeploymentModel deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return deployment.Traffic.Count == 0 ? "no traffic" : string.Join(" · ", deployment.Traffic.Select(t => $"v{t.Key} {t.Value}%"));
    }

    /// <summary>A latency in milliseconds as the pages show it.</summary>
    public static string Milliseconds(double? milliseconds) =>
        milliseconds is { } ms ? ms.ToString(ms < 10 ? "0.##" : "0.#", System.Globalization.CultureInfo.InvariantCulture) + " ms" : "—";
}
