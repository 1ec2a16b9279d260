using AIStudio.Extensions.Grading.Magic;
using Microsoft.DotNet.Interactive;

namespace AIStudio.Extensions.Grading;

/// <summary>
/// The extension's entry point: <c>GradingExtension.Load(kernel)</c> (what <c>extension.dib</c> runs) adds <c>#!check</c> and <c>#!submit</c>.
/// Loading twice does nothing more.
/// </summary>
public static class GradingExtension
{
    private static readonly Lock Gate = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.DotNet.Interactive.Kernel, object> Loaded = [];

    public static void Load(Microsoft.DotNet.Interactive.Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var root = kernel.RootKernel;
        lock (Gate)
        {
            if (Loaded.TryGetValue(root, out _))
            {
                return;
            }

            CheckMagic.AddTo(root);
            SubmitMagic.AddTo(root);
            Loaded.Add(root, new object());
        }
    }
}
