using AIStudio.Extensions.Agents.Tools;
using Microsoft.SemanticKernel;

namespace AIStudio.Extensions.Agents;

/// <summary>
/// Something an agent may call: <see cref="CSharp"/> (run C# in this notebook's kernel), <see cref="Datasets"/> (list,
/// describe and read the Datasets extension's datasets), <see cref="HttpFetch"/> (GET a URL, where the kernel's network
/// policy allows it), <see cref="Plugin"/> (an object of the notebook with <c>[KernelFunction]</c> methods) and
/// <see cref="Function"/> (one delegate).
/// </summary>
public abstract class AgentTool
{
    private protected AgentTool(string name) => Name = name;

    /// <summary>The plugin name the model sees before each function's name.</summary>
    public string Name { get; }

    /// <summary>Runs C# in the notebook's C# kernel and returns what it printed or returned, or its error.</summary>
    public static AgentTool CSharp { get; } = new PluginTool("csharp", () => KernelPluginFactory.CreateFromObject(new CSharpPlugin(), "csharp"));

    /// <summary>Lists, describes and reads the curated and registered datasets (<c>Datasets.List/Info/Load</c>).</summary>
    public static AgentTool Datasets { get; } = new PluginTool("datasets", () => KernelPluginFactory.CreateFromObject(new DatasetsPlugin(), "datasets"));

    /// <summary>GETs a URL; refused, with a message the model reads, when the kernel has no network (<c>AISTUDIO_NETWORK=none</c>).</summary>
    public static AgentTool HttpFetch { get; } = new PluginTool("http", () => KernelPluginFactory.CreateFromObject(new HttpPlugin(), "http"));

    /// <summary>An object of the notebook whose <c>[KernelFunction]</c> methods (with <c>[Description]</c>s) the agent may call.</summary>
    public static AgentTool Plugin(object plugin, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var pluginName = name ?? plugin.GetType().Name;
        var noFunctions = $"{plugin.GetType().Name} has no [KernelFunction] methods: mark the public methods the agent may call with [Microsoft.SemanticKernel.KernelFunction] and describe them with [System.ComponentModel.Description].";
        if (!plugin.GetType().GetMethods().Any(m => m.IsDefined(typeof(KernelFunctionAttribute), inherit: true)))
        {
            throw new ArgumentException(noFunctions, nameof(plugin));
        }

        var created = KernelPluginFactory.CreateFromObject(plugin, pluginName);

        return new PluginTool(pluginName, () => created);
    }

    /// <summary>One delegate as a function the agent may call.</summary>
    public static AgentTool Function(Delegate function, string name, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new PluginTool(name, () => KernelPluginFactory.CreateFromFunctions(name, [KernelFunctionFactory.CreateFromMethod(function, name, description)]));
    }

    internal abstract KernelPlugin CreatePlugin();

    public override string ToString() => Name;
}
