namespace AIStudio.Hub.Audit;

/// <summary>The audited actions.</summary>
public static class AuditActions
{
    public const string Login = "auth.login";
    public const string LoginFailed = "auth.login_failed";
    public const string LockedOut = "auth.locked_out";
    public const string Logout = "auth.logout";
    public const string Signup = "user.signup";
    public const string UserCreated = "user.create";
    public const string UserDeleted = "user.delete";
    public const string UserAdminChanged = "user.admin";
    public const string TokenCreated = "token.create";
    public const string TokenRevoked = "token.revoke";
    public const string RoleChanged = "org.role";
    public const string MemberRemoved = "org.member_remove";
    public const string OrganizationCreated = "org.create";
    public const string PlanChanged = "org.plan";
    public const string GroupChanged = "group.change";
    public const string KernelStarted = "kernel.start";
    public const string KernelStopped = "kernel.stop";
    public const string QuotaRefused = "quota.refused";
    public const string ModelEndpointCreated = "model_endpoint.create";
    public const string ModelEndpointUpdated = "model_endpoint.update";
    public const string ModelEndpointDeleted = "model_endpoint.delete";

    /// <summary>A model endpoint's credentials (its key) handed to a client; the entry never holds the key.</summary>
    public const string ModelEndpointCredentialsRead = "model_endpoint.credentials";

    /// <summary>A model uploaded as a deployment's next version (the first one makes the deployment).</summary>
    public const string DeploymentVersionCreated = "deployment.version";

    public const string DeploymentTrafficChanged = "deployment.traffic";
    public const string DeploymentRolledBack = "deployment.rollback";
    public const string DeploymentKeyCreated = "deployment.key_create";
    public const string DeploymentKeyRevoked = "deployment.key_revoke";

    /// <summary>A deployment deleted by its owner, or with its owner's account.</summary>
    public const string DeploymentDeleted = "deployment.delete";
}
