using System.Security.Cryptography;

namespace AIStudio.FunctionHost;

/// <summary>
/// A function compiled once and kept, so that a process serving it later loads it rather than compiling the source
/// again (Roslyn takes seconds; loading takes milliseconds). <c>compile</c> writes <see cref="FileName"/> and its
/// <see cref="CompiledAssemblyInfo"/> in its working directory without ever loading the assembly — no code of the
/// function runs in the process that makes them — and the hub keeps them beside the version's source; <c>serve</c> is
/// given them back and loads them when they are what the source compiles to here (<see cref="TryLoad"/>), else it
/// compiles the source as before.
/// </summary>
public static class CompiledAssembly
{
    public const string FileName = "function.dll";

    /// <summary>
    /// Which compiler made an assembly: this host's build (its module version id, which changes with its code and with
    /// the versions of Roslyn it references) and the runtime whose framework assemblies it compiles against.
    /// </summary>
    public static string Compiler { get; } = $"{typeof(CompiledAssembly).Assembly.ManifestModule.ModuleVersionId:N} net{Environment.Version}";

    /// <summary>Writes the assembly and its info into <paramref name="directory"/> (the info last: it vouches for the bytes).</summary>
    public static void Write(string directory, byte[] image, byte[] source)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(source);
        File.WriteAllBytes(Path.Combine(directory, FileName), image);
        var info = new CompiledAssemblyInfo(Compiler, Sha256(source), Sha256(image));
        File.WriteAllText(Path.Combine(directory, CompiledAssemblyInfo.FileName), info.ToJson());
    }

    /// <summary>
    /// The function in the kept assembly when its info says this compiler made it from <paramref name="source"/> and its
    /// bytes are the ones it made; otherwise null, with why in <paramref name="why"/> (the caller then compiles). Nothing
    /// in the files makes this throw.
    /// </summary>
    public static CompiledFunction? TryLoad(string assemblyPath, string infoPath, byte[] source, out string why)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            var info = CompiledAssemblyInfo.Parse(File.ReadAllBytes(infoPath));
            var image = File.ReadAllBytes(assemblyPath);
            why = info is null ? "its info is not readable"
                : info.Compiler != Compiler ? $"another compiler made it ({info.Compiler}; this is {Compiler})"
                : info.SourceSha256 != Sha256(source) ? "it was compiled from another source"
                : info.AssemblySha256 != Sha256(image) ? "its bytes are not the ones compiled"
                : "";
            if (why.Length > 0)
            {
                return null;
            }

            var outcome = FunctionLoader.Load(image, predictAt: null);
            why = outcome.Function is null ? $"it does not load as a function: {string.Join("; ", outcome.Diagnostics)}" : "";
            return outcome.Function;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or NotSupportedException
            or TypeLoadException or System.Reflection.ReflectionTypeLoadException or MissingMemberException or InvalidOperationException or ArgumentException)
        {
            why = $"{e.GetType().Name}: {e.Message}";
            return null;
        }
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
