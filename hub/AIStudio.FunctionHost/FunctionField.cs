using AIStudio.Serving;

namespace AIStudio.FunctionHost;

/// <summary>One input or output of a function: its JSON name, its .NET type, whether a request must send it, and its spec for the schema.</summary>
public sealed record FunctionField(string Name, Type Type, bool Required, TensorSpec Spec);
