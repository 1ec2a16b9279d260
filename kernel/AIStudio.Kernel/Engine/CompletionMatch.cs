namespace AIStudio.Kernel.Engine;

/// <summary>One completion: the text to insert and its kind (method, property, class, …).</summary>
public sealed record CompletionMatch(string Text, string Kind);
