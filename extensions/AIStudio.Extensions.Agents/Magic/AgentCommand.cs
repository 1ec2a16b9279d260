using Microsoft.DotNet.Interactive.Commands;

namespace AIStudio.Extensions.Agents.Magic;

/// <summary><c>#!agent NAME [--endpoint E] [--model M] [--instructions TEXT] [--tools LIST] [--reset]</c> or <c>#!agent --list</c>.</summary>
public sealed class AgentCommand : KernelDirectiveCommand
{
    public string? Name { get; set; }

    /// <summary>The hub's model endpoint to use (its default when not given).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Another model on the same endpoint.</summary>
    public string? Model { get; set; }

    public string? Instructions { get; set; }

    /// <summary>Comma-separated: <c>csharp</c>, <c>datasets</c>, <c>http</c>.</summary>
    public string? Tools { get; set; }

    public bool List { get; set; }

    public bool Reset { get; set; }
}
