using Microsoft.DotNet.Interactive.Events;

namespace AIStudio.Extensions.Datasets;

/// <summary>Registers the DataFrame formatters again whenever another kernel extension has loaded (see <see cref="DatasetsExtension"/>).</summary>
internal sealed class ExtensionLoadedObserver : IObserver<KernelEvent>
{
    public void OnNext(KernelEvent value)
    {
        if (value is KernelExtensionLoaded)
        {
            DatasetsExtension.RegisterFormattersAgain();
        }
    }

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }
}
