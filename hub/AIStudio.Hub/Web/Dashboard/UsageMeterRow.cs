using System.Globalization;

namespace AIStudio.Hub.Web.Dashboard;

/// <summary>One meter of the plan panel: how much is used of a limit (no limit: used only), with readable figures.</summary>
public sealed record UsageMeterRow(string Label, double Used, double? Limit, string UsedText, string LimitText)
{
    /// <summary>0–100 for the meter's width; 100 when a zero limit is used at all.</summary>
    public double Percent => Limit is { } limit ? limit <= 0 ? (Used > 0 ? 100 : 0) : Math.Min(100, Used * 100 / limit) : 0;

    /// <summary>Past 90 % of the limit: shown as a warning.</summary>
    public bool NearLimit => Limit is not null && Percent >= 90;

    public static UsageMeterRow Bytes(string label, long used, long? limit) =>
        new(label, used, limit, FormatBytes(used), limit is { } l ? FormatBytes(l) : "no limit");

    public static UsageMeterRow Hours(string label, double seconds, double? limitSeconds) =>
        new(label, seconds, limitSeconds, FormatHours(seconds), limitSeconds is { } l ? FormatHours(l) : "no limit");

    /// <summary>Something the plan does not include at all (GPU time on Free).</summary>
    public static UsageMeterRow NotIncluded(string label) => new(label, 0, null, "—", "not in your plan");

    public static UsageMeterRow Count(string label, int used, int? limit) =>
        new(label, used, limit, used.ToString(CultureInfo.InvariantCulture), limit is { } l ? l.ToString(CultureInfo.InvariantCulture) : "no limit");

    /// <summary>Agents' model tokens this month, in and out (no limit: metered, shown).</summary>
    public static UsageMeterRow Tokens(string label, long input, long output) =>
        new(label, input + output, null, $"{FormatCount(input)} in, {FormatCount(output)} out", "no limit");

    /// <summary>An estimated cost in US dollars (no limit).</summary>
    public static UsageMeterRow Dollars(string label, double usd) =>
        new(label, usd, null, string.Create(CultureInfo.InvariantCulture, $"${usd:0.00}"), "no limit");

    /// <summary>A count in thousands (k) and millions (M) past 10,000.</summary>
    public static string FormatCount(long count) => count switch
    {
        >= 10_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1_000_000d:0.#}M"),
        >= 10_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1_000d:0.#}k"),
        _ => count.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Binary units, as the plans are written (100 MB = 100 × 1024²).</summary>
    public static string FormatBytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }

    private static string FormatHours(double seconds) =>
        seconds < 3600 && seconds > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h");
}
