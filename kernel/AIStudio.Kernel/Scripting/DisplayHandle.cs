using AIStudio.Kernel.Engine;

namespace AIStudio.Kernel.Scripting;

/// <summary>
/// What <c>display(value)</c> returns: a handle on that output, so <see cref="Update"/> replaces it in place
/// (update_display_data with the same display_id) — for progress bars, live charts, streaming text.
/// </summary>
public sealed class DisplayHandle
{
    internal DisplayHandle(string displayId) => DisplayId = displayId;

    public string DisplayId { get; }

    /// <summary>Replaces the displayed value with a new one.</summary>
    public void Update(object? value) => Show(value, update: true);

    internal void Show(object? value, bool update)
    {
        var sink = ExecutionScope.Current ?? throw new InvalidOperationException("No cell is running: display works inside a cell.");
        sink.Display(MimeFormatting.Format(value), DisplayId, update);
    }
}
