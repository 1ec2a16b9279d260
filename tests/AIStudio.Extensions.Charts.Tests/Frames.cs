using Microsoft.Data.Analysis;

namespace AIStudio.Extensions.Charts.Tests;

/// <summary>Small frames with the shape of the penguins dataset, nulls included.</summary>
internal static class Frames
{
    public static DataFrame Penguins() => new(
        new StringDataFrameColumn("species", ["Adelie", "Adelie", "Gentoo", "Adelie", null, "Gentoo", "Chinstrap"]),
        new DoubleDataFrameColumn("bill_length_mm", [39.1, 39.5, 46.1, 40.3, 38.0, null, 46.5]),
        new DoubleDataFrameColumn("bill_depth_mm", [18.7, null, 13.2, 18.0, 17.1, 14.5, 17.9]),
        new Int32DataFrameColumn("year", [2007, 2007, 2007, 2008, 2008, 2009, 2009]));
}
