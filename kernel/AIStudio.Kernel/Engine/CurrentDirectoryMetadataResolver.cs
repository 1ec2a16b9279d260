using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace AIStudio.Kernel.Engine;

/// <summary>
/// Resolves <c>#r "path"</c> from the kernel's current directory at the time of the cell, as a notebook user expects after
/// <c>#!cd</c> or <c>Directory.SetCurrentDirectory</c>. One instance for the kernel's life, so the script options never
/// change with the directory (a change of options makes the next cell's compilation start over).
/// </summary>
internal sealed class CurrentDirectoryMetadataResolver : MetadataReferenceResolver
{
    public static CurrentDirectoryMetadataResolver Instance { get; } = new();

    private (string Directory, ScriptMetadataResolver Resolver)? _current;

    private CurrentDirectoryMetadataResolver()
    {
    }

    public override bool ResolveMissingAssemblies => Current.ResolveMissingAssemblies;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) =>
        Current.ResolveReference(reference, baseFilePath, properties);

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        Current.ResolveMissingAssembly(definition, referenceIdentity);

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => 0;

    private ScriptMetadataResolver Current
    {
        get
        {
            var directory = Environment.CurrentDirectory;
            if (_current is not { } current || current.Directory != directory)
            {
                current = (directory, ScriptMetadataResolver.Default.WithBaseDirectory(directory));
                _current = current;
            }

            return current.Resolver;
        }
    }
}
