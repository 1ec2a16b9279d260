using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace AIStudio.Hub.Data;

/// <summary>
/// The ids of a context's migrations, as EF Core finds them (types with <c>[Migration(id)]</c> and
/// <c>[DbContext(typeof(context))]</c>), read from the assembly's metadata instead of its loaded types. EF Core's own
/// discovery loads every type of the hub's assembly to find them: a quarter of a second of each start. Reading the
/// metadata takes a few milliseconds.
/// </summary>
public static class MigrationIds
{
    /// <summary>The ids in EF Core's order (ordinal), or null where the assembly's file cannot be read (a single-file app).</summary>
    public static IReadOnlyList<string>? Of(Type contextType)
    {
        ArgumentNullException.ThrowIfNull(contextType);
        var file = contextType.Assembly.Location;
        if (string.IsNullOrEmpty(file) || !File.Exists(file))
        {
            return null;
        }

        using var stream = File.OpenRead(file);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            return null;
        }

        var reader = pe.GetMetadataReader();
        var ids = new List<string>();
        foreach (var handle in reader.TypeDefinitions)
        {
            string? id = null;
            string? context = null;
            foreach (var attributeHandle in reader.GetTypeDefinition(handle).GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(attributeHandle);
                switch (AttributeName(reader, attribute))
                {
                    case "Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute":
                        id = FirstStringArgument(reader, attribute);
                        break;
                    case "Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute":
                        // A System.Type argument is written as its name (assembly-qualified when from another assembly).
                        context = FirstStringArgument(reader, attribute);
                        break;
                }
            }

            if (id is not null && context is not null && IsType(context, contextType))
            {
                ids.Add(id);
            }
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    private static bool IsType(string serializedName, Type type) =>
        serializedName == type.FullName || serializedName.StartsWith(type.FullName + ",", StringComparison.Ordinal);

    /// <summary>The attribute's type when it comes from another assembly (as EF Core's do), else null.</summary>
    private static string? AttributeName(MetadataReader reader, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference
            || reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent is not { Kind: HandleKind.TypeReference } parent)
        {
            return null;
        }

        var type = reader.GetTypeReference((TypeReferenceHandle)parent);
        return reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);
    }

    /// <summary>The first fixed argument of an attribute whose constructor takes a string or a type (ECMA-335 II.23.3).</summary>
    private static string? FirstStringArgument(MetadataReader reader, CustomAttribute attribute)
    {
        var blob = reader.GetBlobReader(attribute.Value);
        return blob.Length >= 2 && blob.ReadUInt16() == 1 ? blob.ReadSerializedString() : null;
    }
}
