using System.Text.Json;

namespace AIStudio.Kernel.Scripting;

/// <summary>
/// Notebook helpers available in every cell without a prefix (the kernel imports this class with <c>using static</c>):
/// <c>ClearOutput()</c>, <c>Page(text)</c>, <c>ReadPassword(prompt)</c>.
/// </summary>
public static class KernelApi
{
    /// <summary>
    /// Shows a value now, with every representation its formatters give (text/plain always), and returns a handle
    /// to update it in place. (.NET Interactive's own <c>display(value, mimeTypes)</c> remains for explicit mime types.)
    /// </summary>
#pragma warning disable IDE1006 // The name is the notebook convention (IPython's display), not .NET casing.
    public static DisplayHandle display(object? value)
#pragma warning restore IDE1006
    {
        var handle = new DisplayHandle(Guid.NewGuid().ToString("N"));
        handle.Show(value, update: false);
        return handle;
    }

    /// <summary>Clears the output of the current cell; with <paramref name="wait"/>, only when new output arrives.</summary>
    public static void ClearOutput(bool wait = false) => Sink().ClearOutput(wait);

    /// <summary>Shows text in the front-end's pager (JupyterLab shows it under the cell).</summary>
    public static void Page(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("source", "page");
            writer.WritePropertyName("data");
            writer.WriteStartObject();
            writer.WriteString("text/plain", text);
            writer.WriteEndObject();
            writer.WriteNumber("start", 0);
            writer.WriteEndObject();
        }

        Sink().AddPayload(JsonDocument.Parse(stream.ToArray()).RootElement.Clone());
    }

    /// <summary>Asks for a secret (the front-end hides what is typed).</summary>
    public static string ReadPassword(string prompt = "Password: ") =>
        Sink().RequestInput(prompt, password: true, CancellationToken.None);

    private static Output.IOutputSink Sink() =>
        ExecutionScope.Current ?? throw new InvalidOperationException("No cell is running: these helpers work inside a cell.");

}
