namespace AIStudio.Kernel.Protocol.Messages;

/// <summary>The names of the Jupyter channels, as the WebSocket framings spell them.</summary>
public static class Channels
{
    public const string Shell = "shell";
    public const string IOPub = "iopub";
    public const string Stdin = "stdin";
    public const string Control = "control";

    public static bool IsKnown(string? name) => name is Shell or IOPub or Stdin or Control;
}
