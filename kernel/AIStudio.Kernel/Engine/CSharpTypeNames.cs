using System.Reflection;
using System.Text;

namespace AIStudio.Kernel.Engine;

/// <summary>
/// C# source names of runtime types, for declarations the kernel writes itself (a value shared with <c>#!set</c> or
/// an extension becomes <c>global::Ns.Type&lt;global::System.Int32&gt; name = default;</c>).
/// </summary>
internal static class CSharpTypeNames
{
    /// <summary>
    /// The type a variable holding such a value can be declared with in a cell: the type itself when source code can
    /// name it, else its nearest nameable base class (a non-public <c>RuntimeType</c> becomes <c>System.Type</c>),
    /// else <c>object</c> (anonymous types, types of earlier cells, pointers).
    /// </summary>
    public static Type Declarable(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        for (var candidate = type; candidate is not null; candidate = candidate.BaseType)
        {
            if (IsNameable(candidate))
            {
                return candidate;
            }
        }

        return typeof(object);
    }

    /// <summary>The C# name of a nameable type, fully qualified with <c>global::</c> so no cell's names can shadow it.</summary>
    public static string Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var text = new StringBuilder();
        Append(text, type);
        return text.ToString();
    }

    /// <summary>The assemblies a declaration of the type needs: its own and its type arguments' and element types'.</summary>
    public static IEnumerable<Assembly> Assemblies(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.HasElementType)
        {
            return Assemblies(type.GetElementType()!);
        }

        return type.IsGenericType
            ? type.GetGenericArguments().SelectMany(Assemblies).Prepend(type.Assembly).Distinct()
            : [type.Assembly];
    }

    private static bool IsNameable(Type type)
    {
        if (type.IsArray)
        {
            return IsNameable(type.GetElementType()!);
        }

        if (type.IsPointer || type.IsByRef || type.IsByRefLike || type.IsGenericParameter || type.ContainsGenericParameters
            || !type.IsVisible || type.Assembly.IsDynamic
            || (type.FullName ?? type.Name).Contains('<', StringComparison.Ordinal)
            || (type.FullName ?? type.Name).Contains('#', StringComparison.Ordinal))
        {
            // Compiler-generated names (anonymous types, closures) and script submissions ("Submission#3+Point") have no
            // source spelling outside the cell that made them.
            return false;
        }

        return !type.IsGenericType || type.GetGenericArguments().All(IsNameable);
    }

    private static void Append(StringBuilder text, Type type)
    {
        if (type.IsArray)
        {
            Append(text, type.GetElementType()!);
            text.Append('[').Append(',', type.GetArrayRank() - 1).Append(']');
            return;
        }

        // Nested types and their type arguments: Outer`1+Inner`1 with arguments [A, B] is Outer<A>.Inner<B>.
        var chain = new List<Type>();
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            chain.Insert(0, t);
        }

        var arguments = type.GetGenericArguments();
        var used = 0;
        text.Append("global::");
        if (!string.IsNullOrEmpty(chain[0].Namespace))
        {
            text.Append(chain[0].Namespace).Append('.');
        }

        for (var i = 0; i < chain.Count; i++)
        {
            if (i > 0)
            {
                text.Append('.');
            }

            var name = chain[i].Name;
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            text.Append(tick < 0 ? name : name[..tick]);
            var own = chain[i].GetGenericArguments().Length - used;
            if (own > 0)
            {
                text.Append('<');
                for (var a = 0; a < own; a++)
                {
                    if (a > 0)
                    {
                        text.Append(", ");
                    }

                    Append(text, arguments[used + a]);
                }

                text.Append('>');
                used += own;
            }
        }
    }
}
