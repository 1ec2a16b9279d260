using AIStudio.Extensions.Datasets.Display;
using AIStudio.Extensions.Datasets.Magic;
using AIStudio.Extensions.Datasets.Registration;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Datasets;

/// <summary>
/// The extension's entry point: <c>DatasetsExtension.Load(kernel)</c> (what <c>extension.dib</c> runs) adds
/// <c>#!dataset</c> to the root kernel and the HTML formatters for DataFrames. Loading twice does nothing more.
/// The formatters are registered when Microsoft.Data.Analysis loads (at once if it already has): a kernel that preloads
/// the extension at start does not pay for that assembly until a cell uses a DataFrame.
/// </summary>
public static class DatasetsExtension
{
    private const string DataAnalysisAssembly = "Microsoft.Data.Analysis";
    private static readonly Lock Gate = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Kernel, object> Loaded = [];
    private static bool _formattersRegistered;
    private static bool _waitingForDataFrames;

    public static void Load(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var root = kernel.RootKernel;
        lock (Gate)
        {
            if (!_formattersRegistered && !_waitingForDataFrames)
            {
                // Subscribe first, then look: an assembly loading in between is seen by one or the other.
                AppDomain.CurrentDomain.AssemblyLoad += OnAssemblyLoad;
                _waitingForDataFrames = true;
                if (AppDomain.CurrentDomain.GetAssemblies().Any(IsDataAnalysis))
                {
                    RegisterFormattersOnce();
                }
            }

            if (Loaded.TryGetValue(root, out _))
            {
                return;
            }

            DatasetMagic.AddTo(root);
            // Microsoft.Data.Analysis' package carries an interactive extension of its own (a plainer DataFrame table)
            // that the dotnet-interactive tool loads after this one when a #r brings both: registering ours again after
            // each extension keeps the table with column types and statistics.
            root.RegisterForDisposal(root.KernelEvents.Subscribe(new ExtensionLoadedObserver()));
            Loaded.Add(root, new object());
        }
    }

    private static bool IsDataAnalysis(System.Reflection.Assembly assembly) =>
        assembly.GetName().Name == DataAnalysisAssembly;

    private static void OnAssemblyLoad(object? sender, AssemblyLoadEventArgs args)
    {
        if (IsDataAnalysis(args.LoadedAssembly))
        {
            lock (Gate)
            {
                RegisterFormattersOnce();
            }
        }
    }

    internal static void RegisterFormattersAgain()
    {
        lock (Gate)
        {
            if (_formattersRegistered)
            {
                RegisterFormatters();
            }
        }
    }

    /// <summary>Called under <see cref="Gate"/>.</summary>
    private static void RegisterFormattersOnce()
    {
        if (_formattersRegistered)
        {
            return;
        }

        AppDomain.CurrentDomain.AssemblyLoad -= OnAssemblyLoad;
        RegisterFormatters();
        _formattersRegistered = true;
    }

    // Not inlined: its DataFrame type arguments must not make the JIT load Microsoft.Data.Analysis for its callers.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void RegisterFormatters()
    {
        Formatter.Register<DataFrame>((frame, writer) => writer.Write(DataFrameHtml.Render(frame)), HtmlFormatter.MimeType);
        Formatter.Register<DataFramePage>((page, writer) => writer.Write(page.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<RegistrationResult>((result, writer) => writer.Write(DatasetHtml.Registration(result)), HtmlFormatter.MimeType);
    }
}
