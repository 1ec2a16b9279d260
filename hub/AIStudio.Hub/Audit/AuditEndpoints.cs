using AIStudio.Hub.Auth;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Kernel.Protocol.Messages;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Audit;

/// <summary>
/// <c>GET /hub/api/audit</c>: the newest entries first (<c>limit</c> ≤ 500, <c>before</c> an id for the next page,
/// <c>action</c> to filter). Hub administrators read everything; organization admins the entries of their organizations.
/// </summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/hub/api/audit", async (int? limit, long? before, string? action, Caller caller, HubDbContext db, CancellationToken cancellationToken) =>
        {
            var query = db.AuditEntries.AsNoTracking();
            if (!caller.CanEverywhere(Scopes.ReadAudit))
            {
                var slugs = caller.OrganizationsAllowing(Scopes.ReadAudit).ToArray();
                if (slugs.Length == 0)
                {
                    throw new HubApiException(StatusCodes.Status403Forbidden, $"Action is not authorized with current scopes; requires any of [{Scopes.ReadAudit}]");
                }

                var ids = await db.Organizations.Where(o => slugs.Contains(o.Slug)).Select(o => o.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
                query = query.Where(e => e.OrganizationId != null && ids.Contains(e.OrganizationId));
            }

            if (before is { } id)
            {
                query = query.Where(e => e.Id < id);
            }

            if (!string.IsNullOrEmpty(action))
            {
                query = query.Where(e => e.Action == action);
            }

            var entries = await query.OrderByDescending(e => e.Id).Take(Math.Clamp(limit ?? 100, 1, 500)).ToListAsync(cancellationToken).ConfigureAwait(false);
            return Results.Json(entries.Select(e => new AuditEntryModel(e.Id, MessageHeader.FormatDate(e.At), e.Actor, e.Action, e.Target, e.Detail, e.RemoteAddress)).ToArray());
        });
        return routes;
    }
}
