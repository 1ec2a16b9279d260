using System.Diagnostics;
using System.Globalization;
using AIStudio.Kernel.Scripting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;

namespace AIStudio.Kernel.Engine;

/// <summary><c>#!time</c>: prints how long the rest of the cell took (wall clock), like IPython's %%time.</summary>
internal static class TimeMagic
{
    public static void AddTo(Microsoft.DotNet.Interactive.Kernel kernel) =>
        kernel.AddDirective(
            new KernelActionDirective("#!time", "Time the rest of the cell (wall clock), like IPython's %%time."),
            (_, context) =>
            {
                var started = Stopwatch.GetTimestamp();
                context.OnComplete(_ =>
                {
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    ExecutionScope.Current?.WriteStream("stdout", string.Create(CultureInfo.InvariantCulture, $"Wall time: {Format(elapsed)}\n"));
                });
                return Task.CompletedTask;
            });

    private static string Format(TimeSpan elapsed) => elapsed.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:F2} s")
        : string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMilliseconds:F1} ms");
}
