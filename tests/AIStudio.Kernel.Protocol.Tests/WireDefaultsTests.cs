using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AIStudio.Kernel.Protocol.Messages.Content;

namespace AIStudio.Kernel.Protocol.Tests;

/// <summary>
/// A member missing from received JSON must keep its declared default, for every wire type of <see cref="ProtocolJson"/>
/// (the source generator resets init-only properties to default(T): dotnet/runtime#84484).
/// </summary>
public sealed class WireDefaultsTests
{
    public static TheoryData<string> WireTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in RecordTypes())
        {
            data.Add(type.Name);
        }

        return data;
    }

    [Fact]
    public void Every_wire_record_is_covered()
    {
        Assert.True(RecordTypes().Count() >= 35);
    }

    [Theory]
    [MemberData(nameof(WireTypes))]
    public void Missing_members_keep_their_declared_defaults(string typeName)
    {
        var type = RecordTypes().Single(t => t.Name == typeName);
        var typeInfo = ProtocolJson.Default.GetTypeInfo(type)!;

        // A fresh instance with only its required members set: what the declared defaults serialize to.
        var fresh = Activator.CreateInstance(type)!;
        var minimal = new JsonObject();
        foreach (var property in type.GetProperties().Where(p => p.GetCustomAttribute<RequiredMemberAttribute>() is not null))
        {
            var sample = Sample(property.PropertyType);
            property.SetValue(fresh, sample);
            minimal[property.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name] = JsonSerializer.SerializeToNode(sample, ProtocolJson.Default.GetTypeInfo(property.PropertyType)!);
        }

        var expected = JsonSerializer.Serialize(fresh, typeInfo);
        var read = JsonSerializer.Deserialize(minimal.ToJsonString(), typeInfo)!;
        Assert.Equal(expected, JsonSerializer.Serialize(read, typeInfo));
    }

    private static IEnumerable<Type> RecordTypes() =>
        typeof(ProtocolJson).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(JsonTypeInfo<>))
            .Select(p => p.PropertyType.GetGenericArguments()[0])
            .Where(t => t.Assembly == typeof(ProtocolJson).Assembly)
            .Distinct();

    private static object Sample(Type type) => type switch
    {
        _ when type == typeof(string) => "x",
        _ when type == typeof(Dictionary<string, JsonElement>) => new Dictionary<string, JsonElement> { ["text/plain"] = JsonSerializer.SerializeToElement("x", ProtocolJson.Default.String) },
        _ when type == typeof(DisplayTransient) => new DisplayTransient { DisplayId = "d" },
        _ when type == typeof(LanguageInfo) => new LanguageInfo { Name = "C#", Version = "14.0", MimeType = "text/x-csharp", FileExtension = ".cs" },
        _ => throw new InvalidOperationException($"Add a sample value for required members of type {type}."),
    };
}
