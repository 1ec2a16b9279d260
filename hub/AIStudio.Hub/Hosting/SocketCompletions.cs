namespace AIStudio.Hub.Hosting;

/// <summary>
/// Runs the completions of the hub's socket operations on the runtime's socket event threads instead of handing each to a
/// thread-pool thread first (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>, which the runtime reads once, at the
/// first socket). What completes there only hands work on: Kestrel queues it to its I/O queues, NetMQ to its I/O thread;
/// so a message relayed between a WebSocket and a kernel skips a thread wake-up at each socket. Measured with the hub's
/// relay bench on 2 cores: ~10% less of the hub's CPU over 4,000 <c>kernel_info</c> round trips and REST unchanged
/// (README, "The hub"). Kernels and function hosts do not inherit it (<c>InheritedEnvironment</c>): they run user code,
/// which must not run on those threads. An operator's own value of the variable (0 turns it off) is kept.
/// </summary>
public static class SocketCompletions
{
    /// <summary>The runtime's variable.</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Sets the variable for this process unless it is set already; call it before anything opens a socket.</summary>
    public static void PreferInline()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
