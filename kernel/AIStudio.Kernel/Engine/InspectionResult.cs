namespace AIStudio.Kernel.Engine;

/// <summary>What inspection found at the cursor: markdown documentation, or nothing.</summary>
public sealed record InspectionResult(bool Found, string? Markdown)
{
    public static InspectionResult NotFound { get; } = new(false, null);
}
