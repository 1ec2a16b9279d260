using System.Text.Json;
using AIStudio.Kernel.Output;

namespace AIStudio.Kernel.Handlers;

/// <summary>A sink that publishes nothing: user_expressions are evaluated without output, as the spec asks.</summary>
internal sealed class CapturingSink : IOutputSink
{
    public void WriteStream(string name, string text)
    {
    }

    public void Display(MimeBundle bundle, string? displayId, bool update)
    {
    }

    public void ClearOutput(bool wait)
    {
    }

    public void AddPayload(JsonElement payload)
    {
    }

    public string RequestInput(string prompt, bool password, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("user_expressions cannot ask for input.");
}
