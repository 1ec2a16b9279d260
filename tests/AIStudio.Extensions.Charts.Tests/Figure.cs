using System.Text.Json;
using AIStudio.Extensions.Charts.Display;
using Plotly.NET;

namespace AIStudio.Extensions.Charts.Tests;

/// <summary>Reads a chart's figure JSON, as a plotly renderer would receive it.</summary>
internal static class Figure
{
    public static JsonElement Of(GenericChart chart) => Parse(ChartFormatting.FigureJson(chart));

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static JsonElement Trace(this JsonElement figure, int index) => figure.GetProperty("data")[index];

    public static int TraceCount(this JsonElement figure) => figure.GetProperty("data").GetArrayLength();

    public static double[] Numbers(this JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static string[] Strings(this JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(v => v.GetString() ?? "").ToArray();

    public static int[][] Matrix(this JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();

    public static string AxisTitle(this JsonElement figure, string axis) =>
        figure.GetProperty("layout").GetProperty(axis).GetProperty("title").GetProperty("text").GetString() ?? "";
}
