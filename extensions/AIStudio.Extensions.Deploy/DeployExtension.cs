using AIStudio.Extensions.Deploy.Magic;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Deploy;

/// <summary>
/// The extension's entry point: <c>DeployExtension.Load(kernel)</c> (what <c>extension.dib</c> runs) adds <c>#!deploy</c>
/// (and keeps the language kernels from running a cell's <c>--function</c> source) and shows a <see cref="Deployment"/> as
/// a table of its versions, their kinds, schema and traffic. Loading twice does nothing more.
/// </summary>
public static class DeployExtension
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
                Formatter.Register<Deployment>((deployment, writer) => writer.Write(deployment.ToHtml()), HtmlFormatter.MimeType);
                Formatter.Register<Deployment>((deployment, writer) => writer.Write(deployment.ToText()), PlainTextFormatter.MimeType);
                Formatter.SetPreferredMimeTypesFor(typeof(Deployment), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
                _formattersRegistered = true;
            }

            if (Loaded.TryGetValue(root, out _))
            {
                return;
            }

            DeployMagic.AddTo(root);
            foreach (var child in root is CompositeKernel composite ? composite.ChildKernels.ToList() : [])
            {
                child.AddMiddleware(DeployMagic.SkipFunctionSourceAsync, "AIStudio.Extensions.Deploy");
            }

            Loaded.Add(root, new object());
        }
    }
}
