using AIStudio.Kernel.Output;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Kernel.Engine;

/// <summary>
/// Which representations values get: text/plain always (Jupyter clients rely on it), plus text/html for objects and
/// collections; scalars and strings stay plain.
/// </summary>
internal static class MimeFormatting
{
    private static readonly Type[] PlainTypes =
    [
        typeof(string), typeof(bool), typeof(char), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort),
        typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal),
        typeof(nint), typeof(nuint), typeof(Half), typeof(Int128), typeof(UInt128), typeof(System.Numerics.BigInteger),
        typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan), typeof(Guid),
        typeof(Enum), typeof(Uri), typeof(Version),
    ];

    public static void Configure()
    {
        Formatter.SetPreferredMimeTypesFor(typeof(object), PlainTextFormatter.MimeType, HtmlFormatter.MimeType);
        foreach (var type in PlainTypes)
        {
            Formatter.SetPreferredMimeTypesFor(type, PlainTextFormatter.MimeType);
        }
    }

    public static MimeBundle Bundle(object? value, IEnumerable<FormattedValue> formatted)
    {
        var bundle = new MimeBundle();
        foreach (var v in formatted)
        {
            if (!v.SuppressDisplay)
            {
                bundle.Add(v.MimeType, v.Value);
            }
        }

        if (!bundle.Data.ContainsKey(PlainTextFormatter.MimeType))
        {
            bundle.Add(PlainTextFormatter.MimeType, value is null ? "null" : value.ToDisplayString(PlainTextFormatter.MimeType));
        }

        return bundle;
    }

    /// <summary>Formats a value with the representations preferred for its type, plus text/plain.</summary>
    public static MimeBundle Format(object? value)
    {
        var bundle = new MimeBundle();
        if (value is null)
        {
            return bundle.Add(PlainTextFormatter.MimeType, "null");
        }

        foreach (var mimeType in Formatter.GetPreferredMimeTypesFor(value.GetType()))
        {
            bundle.Add(mimeType, value.ToDisplayString(mimeType));
        }

        if (!bundle.Data.ContainsKey(PlainTextFormatter.MimeType))
        {
            bundle.Add(PlainTextFormatter.MimeType, value.ToDisplayString(PlainTextFormatter.MimeType));
        }

        return bundle;
    }

    public static string PlainText(IEnumerable<FormattedValue> formatted)
    {
        FormattedValue? first = null;
        foreach (var v in formatted)
        {
            if (v.MimeType == PlainTextFormatter.MimeType)
            {
                return v.Value;
            }

            first ??= v;
        }

        return first?.Value ?? "";
    }
}
