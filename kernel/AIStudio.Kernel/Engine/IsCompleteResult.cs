namespace AIStudio.Kernel.Engine;

/// <summary>The answer to is_complete: "complete", "incomplete" (with the indent for the next line) or "invalid".</summary>
public sealed record IsCompleteResult(string Status, string? Indent = null)
{
    public static IsCompleteResult Complete { get; } = new("complete");

    public static IsCompleteResult Invalid { get; } = new("invalid");
}
