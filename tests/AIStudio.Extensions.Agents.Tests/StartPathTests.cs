using System.Reflection;
using System.Runtime.Loader;

namespace AIStudio.Extensions.Agents.Tests;

/// <summary>Loading the extension keeps Semantic Kernel and the Agent Framework off the kernel's start path.</summary>
public sealed class StartPathTests
{
    [Fact]
    public void Load_adds_the_magic_without_loading_semantic_kernel_or_the_agent_framework()
    {
        var context = new IsolatedContext(AppContext.BaseDirectory);
        try
        {
            var interactive = context.LoadFromAssemblyName(new AssemblyName("Microsoft.DotNet.Interactive"));
            var constructor = interactive.GetType("Microsoft.DotNet.Interactive.CompositeKernel", throwOnError: true)!.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
            var composite = (IDisposable)constructor.Invoke([.. constructor.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : null)]);
            var extension = context.LoadFromAssemblyName(new AssemblyName("AIStudio.Extensions.Agents"));
            extension.GetType("AIStudio.Extensions.Agents.AgentsExtension", throwOnError: true)!.GetMethod("Load")!.Invoke(null, [composite]);

            var loaded = context.Assemblies.Select(a => a.GetName().Name!).ToList();
            Assert.Contains("AIStudio.Extensions.Agents", loaded);
            Assert.DoesNotContain(loaded, n => n.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal));
            Assert.DoesNotContain(loaded, n => n.StartsWith("Microsoft.Agents.AI", StringComparison.Ordinal));
            Assert.DoesNotContain(loaded, n => n is "OpenAI" or "Microsoft.Extensions.AI");
            composite.Dispose();
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Loads every assembly found beside the tests into itself, so what Load pulls in shows in <see cref="AssemblyLoadContext.Assemblies"/>.</summary>
    private sealed class IsolatedContext(string directory) : AssemblyLoadContext(isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
