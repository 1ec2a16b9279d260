using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AIStudio.FunctionHost;

/// <summary>
/// Compiles a function's source with Roslyn into an assembly loaded in this process (or only into its bytes, to be kept
/// and loaded by later processes: <see cref="CompiledAssembly"/>): C# (latest), nullable enabled, a
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

    /// <summary>Compiles and loads the function: the function to call, or the errors.</summary>
    public static CompileOutcome Compile(string source)
    {
        var (image, code, errors) = Emit(source);
        if (image is null)
        {
            return new CompileOutcome(null, errors);
        }

        return FunctionLoader.Load(image, () =>
        {
            var position = code.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>()
                .FirstOrDefault(m => m.Identifier.Text == MethodName)?.GetLocation().GetLineSpan().StartLinePosition;
            return ((position?.Line ?? 0) + 1, (position?.Character ?? 0) + 1);
        });
    }

    /// <summary>
    /// Compiles the function into an assembly's bytes without loading it (so that none of its code runs here), or the
    /// compiler's errors.
    /// </summary>
    public static (byte[]? Image, IReadOnlyList<FunctionDiagnostic> Errors) CompileToImage(string source)
    {
        var (image, _, errors) = Emit(source);
        return (image, errors);
    }

    private static (byte[]? Image, SyntaxTree Code, IReadOnlyList<FunctionDiagnostic> Errors) Emit(string source)
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
            return (null, code, [.. emitted.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .OrderBy(d => d.Location.SourceSpan.Start)
                .Take(50)
                .Select(Describe)]);
        }

        return (image.ToArray(), code, []);
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
