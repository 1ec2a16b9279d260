using Microsoft.SemanticKernel;

namespace AIStudio.Extensions.Agents.Tools;

/// <summary>A tool made of one Semantic Kernel plugin.</summary>
internal sealed class PluginTool(string name, Func<KernelPlugin> create) : AgentTool(name)
{
    internal override KernelPlugin CreatePlugin() => create();
}
