using AIStudio.Hub.Data;

namespace AIStudio.Hub.Audit;

/// <summary>
/// Writes security-relevant events to the database (read back through <c>GET /hub/api/audit</c>) and to the log.
/// A failure to write is logged, never thrown at the action that was audited.
/// </summary>
public sealed partial class AuditLog(IServiceScopeFactory scopes, IHttpContextAccessor http, TimeProvider time, ILogger<AuditLog> logger)
{
    public const string System = "system";
    public const string Anonymous = "anonymous";

    public async Task RecordAsync(string actor, string action, string target, string? organizationId = null, string detail = "")
    {
        var entry = new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = Truncate(actor, 256),
            Action = action,
            Target = Truncate(target, 256),
            OrganizationId = organizationId,
            Detail = Truncate(detail, 2000),
            RemoteAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        };
        LogEvent(logger, entry.Actor, entry.Action, entry.Target, entry.Detail);
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
                db.AuditEntries.Add(entry);
                await db.SaveChangesAsync().ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // the audited action has happened; losing its record must not undo or fail it
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogWriteFailed(logger, e, entry.Action, entry.Target);
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {Actor} {Action} {Target} {Detail}")]
    private static partial void LogEvent(ILogger logger, string actor, string action, string target, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit entry {Action} {Target}.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string action, string target);
}
