using AIStudio.Hub.Auth;
using AIStudio.Hub.Plans;

namespace AIStudio.Hub.Kernels;

/// <summary>Starts a kernel for the caller: the spec, the plan's checks, and the directory of the notebook in the caller's own files.</summary>
public sealed class KernelStarter(KernelRegistry registry, PlanService plans)
{
    public async Task<ManagedKernel> StartAsync(Caller caller, string? specName, string? path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(Scopes.Kernels, caller.Self);
        var spec = registry.Spec(specName);
        var owner = await plans.AuthorizeKernelAsync(caller, spec, cancellationToken).ConfigureAwait(false);
        var contents = plans.ContentsForReading(caller);
        return await registry.StartAsync(owner, spec, contents.RootDirectory, contents.WorkingDirectoryFor(path), cancellationToken).ConfigureAwait(false);
    }
}
