namespace AIStudio.Serving;

/// <summary>The ONNX element types the deployment host knows, by their ONNX names.</summary>
public static class TensorTypes
{
    public const string OnnxFloat = "float32";
    public const string OnnxDouble = "float64";
    public const string OnnxInt64 = "int64";
    public const string OnnxInt32 = "int32";
    public const string OnnxBool = "bool";
    public const string OnnxString = "string";

    /// <summary>The input types requests can feed.</summary>
    public static IReadOnlyList<string> Fed { get; } = [OnnxFloat, OnnxDouble, OnnxInt64, OnnxInt32, OnnxBool, OnnxString];

    public static string Name(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type == typeof(float) ? OnnxFloat
            : type == typeof(double) ? OnnxDouble
            : type == typeof(long) ? OnnxInt64
            : type == typeof(int) ? OnnxInt32
            : type == typeof(bool) ? OnnxBool
            : type == typeof(string) ? OnnxString
            : type == typeof(uint) ? "uint32"
            : type == typeof(ulong) ? "uint64"
            : type == typeof(short) ? "int16"
            : type == typeof(ushort) ? "uint16"
            : type == typeof(byte) ? "uint8"
            : type == typeof(sbyte) ? "int8"
            : type.Name;
    }

    public static bool CanFeed(Type type) => Fed.Contains(Name(type), StringComparer.Ordinal);
}
