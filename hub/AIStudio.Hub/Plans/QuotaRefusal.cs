using AIStudio.Hub.Audit;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Plans;

/// <summary>A request refused by a plan's limit: 403 with a message that names the limit, and an audit entry.</summary>
public static class QuotaRefusal
{
    public const string Reason = "Quota Exceeded";

    public static HubApiException Refuse(AuditLog audit, string userName, string organizationSlug, string message)
    {
        ArgumentNullException.ThrowIfNull(audit);
        // The refusal is thrown at once; the audit write runs on and logs its own failure.
        _ = audit.RecordAsync(userName, AuditActions.QuotaRefused, organizationSlug, detail: message);
        return new HubApiException(StatusCodes.Status403Forbidden, message) { Reason = Reason };
    }
}
