using Microsoft.AspNetCore.Identity;

namespace AIStudio.Hub.Accounts;

/// <summary>An account: ASP.NET Core Identity's user (name, e-mail, password hash, lockout) and what the hub adds.</summary>
public sealed class HubUser : IdentityUser
{
    /// <summary>Hub-wide administrator (JupyterHub's <c>admin</c> flag): every scope, on every organization.</summary>
    public bool IsAdmin { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastActivity { get; set; }

    /// <summary>The organization whose plan the user's kernels and storage count against.</summary>
    public string PrimaryOrganizationId { get; set; } = "";
}
