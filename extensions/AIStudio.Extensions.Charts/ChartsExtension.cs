using AIStudio.Extensions.Charts.Display;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace AIStudio.Extensions.Charts;

/// <summary>
/// The extension's entry point: <c>ChartsExtension.Load(kernel)</c> (what <c>extension.dib</c> runs) registers the
/// formatters that display a Plotly.NET <see cref="GenericChart"/> as <c>application/vnd.plotly.v1+json</c> (the figure,
/// for JupyterLab's plotly renderer and the hub's notebook page) and as offline <c>text/html</c> (for every other
/// front-end and for exported notebooks). Loading twice does nothing more.
/// </summary>
public static class ChartsExtension
{
    private const string PlotlyAssembly = "Plotly.NET";
    private static readonly Lock Gate = new();
    private static bool _formattersRegistered;
    private static bool _waitingForPlotly;

    /// <summary>
    /// Registers the formatters when Plotly.NET loads (at once if it already has): a kernel that preloads the extension
    /// does not pay for loading Plotly.NET and FSharp.Core at start, only the first cell that makes a chart does.
    /// </summary>
    public static void Load(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        lock (Gate)
        {
            if (_formattersRegistered || _waitingForPlotly)
            {
                return;
            }

            System.Runtime.Loader.AssemblyLoadContext.Default.Resolving += ResolveFSharpCore;
            // Subscribe first, then look: an assembly loading in between is seen by one or the other.
            AppDomain.CurrentDomain.AssemblyLoad += OnAssemblyLoad;
            _waitingForPlotly = true;
            if (AppDomain.CurrentDomain.GetAssemblies().Any(IsPlotly))
            {
                RegisterOnce();
            }
        }
    }

    /// <summary>
    /// Plotly.NET 6 is compiled against FSharp.Core 10.1. A host that ships its own FSharp.Core 10.0 (the stock
    /// dotnet-interactive tool, for its F# kernel) keeps it, and .NET Interactive does not let <c>#r "nuget:"</c> bring
    /// another: the request for 10.1 then fails to load. Within F# 10 the library is compatible, so the one already loaded
    /// is given. Any other version, or a host without FSharp.Core, is left to the runtime's own error.
    /// </summary>
    private static System.Reflection.Assembly? ResolveFSharpCore(System.Runtime.Loader.AssemblyLoadContext context, System.Reflection.AssemblyName name)
    {
        if (name.Name != "FSharp.Core" || name.Version is null)
        {
            return null;
        }

        return context.Assemblies.FirstOrDefault(a => a.GetName() is { Name: "FSharp.Core", Version: { } loaded } && loaded.Major == name.Version.Major);
    }

    private static bool IsPlotly(System.Reflection.Assembly assembly) => assembly.GetName().Name == PlotlyAssembly;

    private static void OnAssemblyLoad(object? sender, AssemblyLoadEventArgs args)
    {
        if (IsPlotly(args.LoadedAssembly))
        {
            lock (Gate)
            {
                RegisterOnce();
            }
        }
    }

    /// <summary>Called under <see cref="Gate"/>.</summary>
    private static void RegisterOnce()
    {
        if (_formattersRegistered)
        {
            return;
        }

        RegisterFormatters();
        _formattersRegistered = true;
        AppDomain.CurrentDomain.AssemblyLoad -= OnAssemblyLoad;
    }

    private static void RegisterFormatters()
    {
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartFormatting.FigureJsonOnce(chart)), ChartFormatting.PlotlyJsonMimeType);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartFormatting.Html(chart)), HtmlFormatter.MimeType);
        // Hosts that always add text/plain (ours does) would otherwise dump the F# object graph.
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartFormatting.PlainText(chart)), PlainTextFormatter.MimeType);

        // Both representations on every display: the JSON for renderers that know plotly, the HTML for those that don't.
        // The union cases are named too, so a host's preference for object (text/plain + text/html) never wins over them.
        string[] mimeTypes = [HtmlFormatter.MimeType, ChartFormatting.PlotlyJsonMimeType];
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), mimeTypes);
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart.Chart), mimeTypes);
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart.MultiChart), mimeTypes);
    }
}
