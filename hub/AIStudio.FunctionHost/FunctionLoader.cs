using System.Reflection;
using System.Runtime.Loader;

namespace AIStudio.FunctionHost;

/// <summary>
/// Loads a compiled function's assembly into a load context of its own and finds its one public static <c>Predict</c>,
/// whether the assembly was just compiled (<see cref="FunctionCompiler"/>) or kept from an earlier compile
/// (<see cref="CompiledAssembly"/>). A source without exactly one, or with one of a shape the host cannot call, is an
/// error at Predict's line (where it is known).
/// </summary>
public static class FunctionLoader
{
    public static CompileOutcome Load(byte[] image, Func<(int Line, int Column)>? predictAt)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var stream = new MemoryStream(image, writable: false);
        var assembly = new AssemblyLoadContext("function").LoadFromStream(stream);
        var candidates = assembly.GetTypes()
            .Where(t => t.IsVisible)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.Name == FunctionCompiler.MethodName)
            .ToList();
        if (candidates.Count != 1)
        {
            var message = candidates.Count == 0
                ? "No public static method Predict: declare one in a public class, e.g. public static class Function { public static Output Predict(Input input) => …; }."
                : $"{candidates.Count} public static methods are named Predict ({string.Join(", ", candidates.Select(m => m.DeclaringType!.Name + "." + m.Name))}): keep one.";
            return new CompileOutcome(null, [new FunctionDiagnostic("AIS0001", 1, 1, message)]);
        }

        try
        {
            return new CompileOutcome(CompiledFunction.From(candidates[0]), []);
        }
        catch (NotSupportedException e)
        {
            var (line, column) = predictAt?.Invoke() ?? (1, 1);
            return new CompileOutcome(null, [new FunctionDiagnostic("AIS0002", line, column, e.Message)]);
        }
    }
}
