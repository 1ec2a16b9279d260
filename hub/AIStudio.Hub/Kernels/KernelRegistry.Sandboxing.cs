using AIStudio.Hub.Egress;
using AIStudio.Hub.Hosting;
using AIStudio.Kernel.Client.Launching;

namespace AIStudio.Hub.Kernels;

/// <summary>How the hub's kernels are confined: the sandbox (<c>Hub:Sandbox</c>) and the control groups (<c>Hub:KernelCgroups</c>).</summary>
public sealed partial class KernelRegistry
{
    private string? ChooseCgroups(HubOptions options)
    {
        if (options.KernelCgroups == "off")
        {
            return null;
        }

        if (KernelCgroup.Unavailable(options.CgroupRoot) is { } reason)
        {
            if (options.KernelCgroups == "required")
            {
                throw new InvalidOperationException($"Hub:KernelCgroups is required, but {reason}.");
            }

            LogNoCgroups(_logger, reason);
            return null;
        }

        return options.CgroupRoot;
    }

    private static IKernelSandbox ChooseSandbox(HubOptions options)
    {
        var limited = options.KernelNetwork != KernelNetwork.Full;
        var ceiling = $"Hub:KernelNetwork is {KernelNetworks.Name(options.KernelNetwork)}";
        if (options.Sandbox == "none")
        {
            return !limited
                ? NoSandbox.Instance
                : throw new InvalidOperationException($"{ceiling}, which needs the bubblewrap sandbox, but Hub:Sandbox is none.");
        }

        if (!BubblewrapSandbox.IsAvailable())
        {
            return options.Sandbox == "bubblewrap" || limited
                ? throw new InvalidOperationException((limited ? $"{ceiling} (which needs the sandbox)" : "Hub:Sandbox is bubblewrap")
                    + ", but bwrap is missing or cannot make a sandbox here (install the bubblewrap package; user namespaces must be allowed).")
                : NoSandbox.Instance;
        }

        // Each launch says whether its kernel has network (its plan's); this default is for those that do not say.
        return new BubblewrapSandbox(new BubblewrapOptions
        {
            HiddenPaths = [options.DataDirectory],
            MemoryLimitBytes = options.KernelMemoryLimitBytes,
            IsolateNetwork = limited,
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kernels run without their plan's CPU, memory and process limits: {Reason} (Hub:KernelCgroups).")]
    private static partial void LogNoCgroups(ILogger logger, string reason);
}
