using AIStudio.Extensions.Charts;
using AIStudio.Extensions.Training.Magic;
using AIStudio.Extensions.Training.MlNet;
using AIStudio.Extensions.Training.Progress;
using AIStudio.Extensions.Training.Torch;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Training;

/// <summary>
/// The extension's entry point: <c>TrainingExtension.Load(kernel)</c> (what <c>extension.dib</c> runs) adds
/// <c>#!device</c> and the formatters of the progress display, the ML.NET status and the device report, and loads the
/// Charts extension the loss curves need. It touches neither TorchSharp nor ML.NET: they load when a cell first uses them,
/// and when TorchSharp loads, libtorch is loaded for it (<see cref="LibTorch"/>) before its first call, wherever that
/// call comes from. Loading twice does nothing more.
/// </summary>
public static class TrainingExtension
{
    private static readonly Lock Gate = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Kernel, object> Loaded = [];
    private static bool _formattersRegistered;

    public static void Load(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var root = kernel.RootKernel;
        lock (Gate)
        {
            if (!_formattersRegistered)
            {
                RegisterFormatters();
                _formattersRegistered = true;
                // Subscribe first, then look: an assembly loading in between is seen by one or the other.
                AppDomain.CurrentDomain.AssemblyLoad += OnAssemblyLoad;
                if (AppDomain.CurrentDomain.GetAssemblies().Any(IsTorchSharp))
                {
                    LoadLibTorch();
                }
            }

            if (Loaded.TryGetValue(root, out _))
            {
                return;
            }

            ChartsExtension.Load(root);
            DeviceMagic.AddTo(root);
            Loaded.Add(root, new object());
        }
    }

    private static bool IsTorchSharp(System.Reflection.Assembly assembly) => assembly.GetName().Name == "TorchSharp";

    private static void OnAssemblyLoad(object? sender, AssemblyLoadEventArgs args)
    {
        if (IsTorchSharp(args.LoadedAssembly))
        {
            AppDomain.CurrentDomain.AssemblyLoad -= OnAssemblyLoad;
            LoadLibTorch();
        }
    }

    /// <summary>
    /// Before TorchSharp's first call: otherwise TorchSharp's own search copies libtorch (~500 MB) beside the application,
    /// and a second copy loaded later would abort the process (libtorch registers its operators once per process).
    /// </summary>
    private static void LoadLibTorch()
    {
        try
        {
            LibTorch.EnsureLoaded();
        }
        catch (LibTorchNotFoundException)
        {
            // TorchSharp's own search runs next and reports what it misses; Device and TorchTraining say what to do.
        }
    }

    private static void RegisterFormatters()
    {
        Register<ProgressSnapshot>(s => s.ToHtml(), s => s.ToText());
        Register<MlNetStatus>(s => s.ToHtml(), s => s.ToText());
        Register<DeviceInfo>(d => d.ToHtml(), d => d.ToText());
    }

    private static void Register<T>(Func<T, string> html, Func<T, string> text)
    {
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), HtmlFormatter.MimeType);
        Formatter.Register<T>((value, writer) => writer.Write(text(value)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }
}
