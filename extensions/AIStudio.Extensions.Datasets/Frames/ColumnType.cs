namespace AIStudio.Extensions.Datasets.Frames;

/// <summary>The column types a dataset can declare, as spelled in <c>dataset.json</c>.</summary>
internal static class ColumnType
{
    public const string String = "string";
    public const string Double = "double";
    public const string Int = "int";
    public const string Long = "long";
    public const string Bool = "bool";

    public static bool IsKnown(string type) => type is String or Double or Int or Long or Bool;
}
