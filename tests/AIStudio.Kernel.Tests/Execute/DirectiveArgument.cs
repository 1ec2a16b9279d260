namespace AIStudio.Kernel.Tests.Execute;

/// <summary>A directive argument as users write one with spaces or quotes in it: in double quotes, backslash-escaped.</summary>
internal static class DirectiveArgument
{
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
