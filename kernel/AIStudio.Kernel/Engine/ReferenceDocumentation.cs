using Microsoft.CodeAnalysis;

namespace AIStudio.Kernel.Engine;

/// <summary>
/// XML documentation for the framework's assemblies, for Shift+Tab: the runtime ships none, but an installed SDK
/// has it in its reference pack (packs/Microsoft.NETCore.App.Ref/{version}/ref/net{major}.{minor}/*.xml).
/// Without an SDK, inspection shows signatures only.
/// </summary>
internal static class ReferenceDocumentation
{
    public static MetadataReference WithDocumentation(string assemblyPath, string? documentationDirectory)
    {
        if (documentationDirectory is not null)
        {
            var xml = Path.Combine(documentationDirectory, Path.ChangeExtension(Path.GetFileName(assemblyPath), ".xml"));
            if (File.Exists(xml))
            {
                return MetadataReference.CreateFromFile(assemblyPath, documentation: XmlDocumentationProvider.CreateFromFile(xml));
            }
        }

        return MetadataReference.CreateFromFile(assemblyPath);
    }

    /// <summary>The reference pack's documentation folder matching the running framework, or null.</summary>
    public static string? FindDirectory()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var dotnetRoot = runtimeDirectory is null ? null : Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = dotnetRoot is null ? null : Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (packs is null || !Directory.Exists(packs))
        {
            return null;
        }

        var version = Environment.Version;
        var target = $"net{version.Major}.{version.Minor}";
        return Directory.GetDirectories(packs)
            .Select(dir => Path.Combine(dir, "ref", target))
            .Where(Directory.Exists)
            .OrderByDescending(dir => dir, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
