using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace AIStudio.Extensions.Agents.Tools;

/// <summary>
/// The notebook kernel the extension was loaded into (what the C# tool runs code in), and the variables the agent's code
/// declared while a cell was still running, to be declared again once that cell has finished.
/// </summary>
internal static class NotebookKernel
{
    private static readonly Lock Gate = new();
    private static readonly ConditionalWeakTable<Kernel, List<DeclaredVariable>> Pending = [];
    private static readonly ConditionalWeakTable<KernelCommand, object> AgentSubmissions = [];
    private static WeakReference<Kernel>? _root;

    /// <summary>Marks code an agent submitted (it runs even inside a <c>#!agent</c> cell, whose own text is not code).</summary>
    public static T FromAgent<T>(T command)
        where T : KernelCommand
    {
        AgentSubmissions.AddOrUpdate(command, new object());
        return command;
    }

    /// <summary>Whether the command, or one it came from, was submitted by an agent.</summary>
    public static bool IsFromAgent(KernelCommand command)
    {
        for (var c = command; c is not null; c = c.Parent)
        {
            if (AgentSubmissions.TryGetValue(c, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The root kernel of the running cell, else the one the extension was last loaded into.</summary>
    public static Kernel? Root
    {
        get
        {
            if (KernelInvocationContext.Current?.HandlingKernel?.RootKernel is { } current)
            {
                return current;
            }

            lock (Gate)
            {
                return _root is not null && _root.TryGetTarget(out var root) ? root : null;
            }
        }
    }

    public static void Remember(Kernel root)
    {
        lock (Gate)
        {
            _root = new WeakReference<Kernel>(root);
        }
    }

    public static void AddPending(Kernel root, DeclaredVariable variable)
    {
        lock (Gate)
        {
            var list = Pending.GetOrCreateValue(root);
            list.RemoveAll(v => v.Name == variable.Name);
            list.Add(variable);
        }
    }

    public static IReadOnlyList<DeclaredVariable> TakePending(Kernel root)
    {
        lock (Gate)
        {
            if (!Pending.TryGetValue(root, out var list) || list.Count == 0)
            {
                return [];
            }

            var taken = list.ToList();
            list.Clear();
            return taken;
        }
    }
}
