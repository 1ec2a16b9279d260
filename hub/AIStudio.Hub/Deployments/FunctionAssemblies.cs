using System.Security.Cryptography;
using System.Text.Json;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// The compiled assemblies of C# function versions, kept beside their sources under the data directory
/// (<c>deployments/{id}/v{n}.dll</c> and its info <c>v{n}.dll.json</c> beside <c>v{n}.cs</c>), so that a version's
/// serving process loads its function in milliseconds instead of compiling the source again (seconds) after a hub
/// restart, a crash or a rollout. They are made by the function host's <c>compile</c>, a sandboxed process that never
/// loads what it compiled (no code of the function runs there), and only ever read from its output; each file is moved
/// into place whole (a temporary file beside it, then a rename), the info last, and it names the SHA-256 of the source
/// and of the assembly, so that a pair left half-written, corrupted or belonging to another source is not used. Which
/// compiler made them is the host's to check (it compiles the source itself when it is not its own, and the hub then
/// drops the pair). They go with the deployment's folder; they are not the user's files and do not count toward
/// storage.
/// </summary>
public sealed partial class FunctionAssemblies(ILogger<FunctionAssemblies> logger)
{
    /// <summary>Where the assembly of the version whose source is <paramref name="sourcePath"/> is kept.</summary>
    public static string AssemblyPath(string sourcePath) => Path.ChangeExtension(sourcePath, ".dll");

    /// <summary>Where the info of that assembly is kept.</summary>
    public static string InfoPath(string sourcePath) => AssemblyPath(sourcePath) + ".json";

    /// <summary>The kept assembly and info of the source, when both are there, whole and made from this source; else null.</summary>
    public (string Assembly, string Info)? Find(string sourcePath)
    {
        var assemblyPath = AssemblyPath(sourcePath);
        var infoPath = InfoPath(sourcePath);
        if (!File.Exists(assemblyPath) || !File.Exists(infoPath))
        {
            return null;
        }

        try
        {
            using var info = JsonDocument.Parse(File.ReadAllBytes(infoPath));
            var root = info.RootElement;
            var why = root.ValueKind != JsonValueKind.Object ? "its info is not an object"
                : Text(root, "source_sha256") != Sha256(File.ReadAllBytes(sourcePath)) ? "it was compiled from another source"
                : Text(root, "assembly_sha256") != Sha256(File.ReadAllBytes(assemblyPath)) ? "its bytes are not the ones compiled"
                : null;
            if (why is null)
            {
                return (assemblyPath, infoPath);
            }

            LogUnusable(logger, assemblyPath, why);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            LogUnusable(logger, assemblyPath, e.Message);
        }

        return null;
    }

    /// <summary>
    /// Keeps what the host's <c>compile</c> made for the source, each file moved into place whole; false (logged) when
    /// it cannot be written, e.g. because the deployment was deleted meanwhile (its folder is never made again here).
    /// </summary>
    public bool Keep(string sourcePath, byte[] assembly, byte[] info)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(info);
        try
        {
            WriteWhole(AssemblyPath(sourcePath), assembly);
            WriteWhole(InfoPath(sourcePath), info);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogNotKept(logger, sourcePath, e.Message);
            return false;
        }
    }

    /// <summary>Removes the kept pair (the host found it was not its compiler's): the next start compiles and keeps it again.</summary>
    public void Discard(string sourcePath)
    {
        try
        {
            File.Delete(InfoPath(sourcePath));
            File.Delete(AssemblyPath(sourcePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogNotKept(logger, sourcePath, e.Message);
        }
    }

    private static void WriteWhole(string path, byte[] content)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The compiled function {Assembly} is not used ({Why}): it is compiled again.")]
    private static partial void LogUnusable(ILogger logger, string assembly, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The compiled function of {Source} could not be kept: {Reason}")]
    private static partial void LogNotKept(ILogger logger, string source, string reason);
}
