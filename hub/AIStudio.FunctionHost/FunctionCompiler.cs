using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AIStudio.FunctionHost;

/// <summary>
/// Compiles a function's source with Roslyn into an assembly loaded in this process: C# (latest), nullable enabled, a
/// console app's implicit usings, referencing the .NET framework only (the assemblies beside <see cref="object"/>'s; no
/// packages, not this host's ASP.NET Core). The source must declare one public static method <c>Predict</c> in a public
/// type, taking one input (a record or class whose properties are the inputs, or a single value) and optionally a
/// <see cref="CancellationToken"/>, and returning the output (or a Task / ValueTask of it).
/// </summary>
public static class FunctionCompiler
{
    public const string MethodName = "Predict";

    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<MetadataReference[]> Framework = new(() =>
    {
        var directory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return [.. Directory.GetFiles(directory, "*.dll")
            .Where(IsManaged)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    });

    public static CompileOutcome Compile(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var code = CSharpSyntaxTree.ParseText(source, parse, path: "function.cs");
        var usings = CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: "usings.cs");
        var compilation = CSharpCompilation.Create(
            "function-" + Guid.NewGuid().ToString("N")[..8],
            [code, usings],
            Framework.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release, concurrentBuild: false));

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            return new CompileOutcome(null, [.. emitted.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .OrderBy(d => d.Location.SourceSpan.Start)
                .Take(50)
                .Select(Describe)]);
        }

        image.Position = 0;
        var assembly = new AssemblyLoadContext("function").LoadFromStream(image);
        var candidates = assembly.GetTypes()
            .Where(t => t.IsVisible)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.Name == MethodName)
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
            var line = code.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>()
                .FirstOrDefault(m => m.Identifier.Text == MethodName)?.GetLocation().GetLineSpan().StartLinePosition;
            return new CompileOutcome(null, [new FunctionDiagnostic("AIS0002", (line?.Line ?? 0) + 1, (line?.Character ?? 0) + 1, e.Message)]);
        }
    }

    private static FunctionDiagnostic Describe(Diagnostic diagnostic)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        return new FunctionDiagnostic(diagnostic.Id, position.Line + 1, position.Character + 1,
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
