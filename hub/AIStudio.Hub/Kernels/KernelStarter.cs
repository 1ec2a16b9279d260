using AIStudio.Hub.Auth;
using AIStudio.Hub.Plans;
using AIStudio.Hub.Tokens;

namespace AIStudio.Hub.Kernels;

/// <summary>
/// Starts a kernel for the caller: the spec, the plan's checks, the directory of the notebook in the caller's own files,
/// and the hub's address with a token of the caller's own (<c>AISTUDIO_HUB_URL</c>, <c>AISTUDIO_HUB_TOKEN</c>), as
/// JupyterHub gives a server its <c>JUPYTERHUB_API_TOKEN</c>: the Deploy extension publishes models through it. The token
/// acts for the user only (scope <c>self</c>), expires in a week and is revoked when the kernel stops.
/// </summary>
public sealed class KernelStarter(KernelRegistry registry, PlanService plans, ApiTokenService tokens, IHttpContextAccessor http)
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromDays(7);
    private static readonly string[] SelfOnly = [Scopes.Self];

    public async Task<ManagedKernel> StartAsync(Caller caller, string? specName, string? path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.Kernels, caller.Self);
        var spec = registry.Spec(specName);
        var owner = await plans.AuthorizeKernelAsync(caller, spec, cancellationToken).ConfigureAwait(false);
        var contents = plans.ContentsForReading(caller);
        var hub = HubAddress();
        if (hub is null)
        {
            return await registry.StartAsync(owner, spec, contents.RootDirectory, contents.WorkingDirectoryFor(path), access: null, cancellationToken).ConfigureAwait(false);
        }

        var (token, model) = await tokens.CreateAsync(caller.UserId, caller.UserName, caller.OwnerScopes, "kernel: the notebook's access to the hub (Deploy)",
            SelfOnly, TokenLifetime, caller.UserName, cancellationToken).ConfigureAwait(false);
        var access = new KernelHubAccess(hub, token, model.Id);
        try
        {
            return await registry.StartAsync(owner, spec, contents.RootDirectory, contents.WorkingDirectoryFor(path), access, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await tokens.RevokeAsync(caller.UserId, caller.UserName, model.Id, caller.UserName, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The hub as a kernel on this machine reaches it: the loopback address of the port the request came in on.</summary>
    private Uri? HubAddress()
    {
        if (http.HttpContext is not { } context || context.Connection.LocalPort == 0)
        {
            return null;
        }

        var pathBase = context.Request.PathBase.Value?.TrimEnd('/') ?? "";
        return new Uri($"{context.Request.Scheme}://127.0.0.1:{context.Connection.LocalPort}{pathBase}/");
    }
}
