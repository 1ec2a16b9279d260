using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;

namespace AIStudio.Extensions.Charts.Display;

/// <summary>
/// Which kernels have already sent plotly.js to their front-end. A formatter does not know the page it renders into; the
/// root kernel of the submission is the closest stand-in for "this notebook session" (a kernel restart starts again).
/// </summary>
internal static class PlotlyJsSessions
{
    private static readonly ConditionalWeakTable<Kernel, object> Sent = [];

    /// <summary>Whether this rendering must carry the library; true once per root kernel, and always outside a kernel.</summary>
    public static bool TakeLibrary(PlotlyJsInlining inlining)
    {
        if (inlining == PlotlyJsInlining.EveryChart)
        {
            return true;
        }

        // Formatting outside a submission (a test, ToDisplayString in a host) has no session to remember: stay self-contained.
        var kernel = KernelInvocationContext.Current?.HandlingKernel?.RootKernel;
        return kernel is null || Sent.TryAdd(kernel, new object());
    }
}
