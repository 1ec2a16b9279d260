using System.Text.Json;

namespace AIStudio.Kernel.Output;

/// <summary>Where an execution's output goes: the iopub channel (and stdin for input) of the request that started it.</summary>
public interface IOutputSink
{
    /// <summary>Appends text to stdout or stderr (batched into few stream messages).</summary>
    void WriteStream(string name, string text);

    /// <summary>Publishes display_data, or update_display_data when <paramref name="update"/> is set.</summary>
    void Display(MimeBundle bundle, string? displayId, bool update);

    void ClearOutput(bool wait);

    /// <summary>Adds a payload (such as a "page") to the execute_reply.</summary>
    void AddPayload(JsonElement payload);

    /// <summary>Asks the front-end for a line of input on the stdin channel; blocks until it answers.</summary>
    string RequestInput(string prompt, bool password, CancellationToken cancellationToken);
}
