using System.Globalization;
using AIStudio.Extensions.Charts.Data;
using Microsoft.Data.Analysis;
using Plotly.NET;
using FSharpChart = Plotly.NET.Chart;
using PlotlyChart = Plotly.NET.CSharp.Chart;
using PlotlyExtensions = Plotly.NET.CSharp.GenericChartExtensions;

namespace AIStudio.Extensions.Charts;

/// <summary>
/// One-line charts from a <see cref="DataFrame"/> and from training results:
/// <c>Charts.Scatter(penguins, x: "bill_length_mm", y: "bill_depth_mm", color: "species")</c>, <c>Charts.Line</c>,
/// <c>Charts.Histogram</c>, <c>Charts.Bar</c>, <c>Charts.ConfusionMatrix</c>, <c>Charts.LossCurve</c>. Each returns a
/// Plotly.NET <see cref="GenericChart"/> (style it further with Plotly.NET) that displays inline once the extension is
/// loaded. Rows with a null (or NaN) in a column the chart uses are left out.
/// </summary>
public static class Charts
{
    private const int DefaultBins = 20;

    /// <summary>When a chart's HTML carries plotly.js; by default the first chart each kernel displays.</summary>
    public static PlotlyJsInlining PlotlyJsInlining { get; set; } = PlotlyJsInlining.OncePerKernel;

    /// <summary>Markers at (x, y); with <paramref name="color"/>, one trace (and legend entry) per value of that column.</summary>
    public static GenericChart Scatter(DataFrame frame, string x, string y, string? color = null, string? title = null) =>
        XY(frame, x, y, color, title, lines: false);

    /// <summary>Lines through (x, y) in row order; with <paramref name="color"/>, one line per value of that column.</summary>
    public static GenericChart Line(DataFrame frame, string x, string y, string? color = null, string? title = null) =>
        XY(frame, x, y, color, title, lines: true);

    /// <summary>Counts of a numeric column in <paramref name="bins"/> equal-width bins over its range (numpy's rule: the last bin is closed).</summary>
    public static GenericChart Histogram(DataFrame frame, string column, int bins = DefaultBins, string? title = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var values = FrameColumns.Numbers(frame, column, nameof(column), "histogram");
        var histogram = HistogramBins.Count(values, bins);
        var counts = histogram.Counts.ToList();
        var chart = PlotlyChart.Column<int, double, string>(counts, Keys: histogram.Centers.ToList(), Name: column);
        var trace = GenericChart.getTraces(chart).Single();
        trace.SetProperty("width", histogram.Width);
        trace.SetProperty("hovertext", counts.Select((_, i) => Range(histogram.Start + (i * histogram.Width), histogram.Start + ((i + 1) * histogram.Width), i == bins - 1)).ToList());
        chart = WithLayout(chart, "bargap", 0.0);
        return Finish(chart, column, "count", title);
    }

    /// <summary>One bar per value of <paramref name="category"/> (in order of first appearance): the number of rows, or the sum of <paramref name="value"/>.</summary>
    public static GenericChart Bar(DataFrame frame, string category, string? value = null, string? title = null)
    {
        var categories = FrameColumns.Find(frame, category, nameof(category));
        var values = value is null ? null : FrameColumns.Find(frame, value, nameof(value));
        if (values is not null && !FrameColumns.IsNumeric(values))
        {
            throw new ArgumentException($"A bar chart sums a numeric column; '{value}' holds {values.DataType.Name} values.", nameof(value));
        }

        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        var order = new List<string>();
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            if (FrameColumns.Text(categories, r) is not { } key)
            {
                continue;
            }

            double amount = 1;
            if (values is not null)
            {
                if (FrameColumns.Number(values, r) is not { } v)
                {
                    continue;
                }

                amount = v;
            }

            if (!totals.TryAdd(key, amount))
            {
                totals[key] += amount;
            }
            else
            {
                order.Add(key);
            }
        }

        var chart = values is null
            ? PlotlyChart.Column<int, string, string>(order.Select(k => (int)totals[k]).ToList(), Keys: order, Name: "count")
            : PlotlyChart.Column<double, string, string>(order.Select(k => totals[k]).ToList(), Keys: order, Name: value!);
        return Finish(chart, category, value is null ? "count" : $"sum of {value}", title);
    }

    /// <summary>
    /// A heatmap of counts: rows are actual labels, columns predicted ones, each cell annotated with its count. Labels
    /// default to the values seen, sorted; a value outside <paramref name="labels"/> is an error.
    /// </summary>
    public static GenericChart ConfusionMatrix<T>(IEnumerable<T> actual, IEnumerable<T> predicted, IEnumerable<T>? labels = null, string? title = null)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        var truth = actual.ToList();
        var guesses = predicted.ToList();
        if (truth.Count != guesses.Count)
        {
            throw new ArgumentException($"{truth.Count} actual values and {guesses.Count} predicted ones: they must pair up one to one.", nameof(predicted));
        }

        var order = labels?.ToList() ?? truth.Concat(guesses).Distinct().Order().ToList();
        var index = new Dictionary<T, int>();
        foreach (var label in order)
        {
            if (!index.TryAdd(label, index.Count))
            {
                throw new ArgumentException($"The label '{label}' is listed twice.", nameof(labels));
            }
        }

        var counts = new int[order.Count, order.Count];
        for (var i = 0; i < truth.Count; i++)
        {
            counts[Index(truth[i], nameof(actual)), Index(guesses[i], nameof(predicted))]++;
        }

        var names = order.Select(l => Convert.ToString(l, CultureInfo.InvariantCulture) ?? "").ToList();
        var z = Enumerable.Range(0, order.Count).Select(a => Enumerable.Range(0, order.Count).Select(p => counts[a, p]).ToList()).ToList();
        var text = z.Select(row => row.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToList()).ToList();
        var chart = PlotlyChart.AnnotatedHeatmap<int, string, string, string>(z, text, X: names, Y: names, Name: "confusion matrix", ReverseYAxis: true);
        return Finish(chart, "predicted", "actual", title ?? "Confusion matrix");

        int Index(T label, string parameterName) => index.TryGetValue(label, out var i)
            ? i
            : throw new ArgumentException($"The {parameterName} value '{label}' is not one of the labels: {string.Join(", ", order)}.", parameterName);
    }

    /// <summary>Loss per epoch (1, 2, …) as a line, with the validation loss as a second line when given; NaN and infinities are left out.</summary>
    public static GenericChart LossCurve(IEnumerable<double> loss, IEnumerable<double>? validation = null, string? title = null) =>
        EpochCurve(loss, validation, "loss", title ?? "Loss");

    /// <summary>
    /// Any quantity per epoch (1, 2, …) as a line (accuracy, RMSE, …), with its validation values as a second line when
    /// given; NaN and infinities are left out.
    /// </summary>
    public static GenericChart EpochCurve(IEnumerable<double> training, IEnumerable<double>? validation, string quantity, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentException.ThrowIfNullOrWhiteSpace(quantity);
        var lines = new List<GenericChart> { Curve(training, "training") };
        if (validation is not null)
        {
            lines.Add(Curve(validation, "validation"));
        }

        return Finish(PlotlyChart.Combine(lines), "epoch", quantity, title ?? quantity);

        static GenericChart Curve(IEnumerable<double> values, string name)
        {
            var points = values.Select((v, i) => (Epoch: i + 1, Value: v)).Where(p => double.IsFinite(p.Value)).ToList();
            return PlotlyChart.Line<int, double, string>(points.Select(p => p.Epoch).ToList(), points.Select(p => p.Value).ToList(), ShowMarkers: true, Name: name);
        }
    }

    private static GenericChart XY(DataFrame frame, string x, string y, string? color, string? title, bool lines)
    {
        var xs = FrameColumns.Find(frame, x, nameof(x));
        var ys = FrameColumns.Find(frame, y, nameof(y));
        var colors = color is null ? null : FrameColumns.Find(frame, color, nameof(color));
        var groups = new Dictionary<string, (List<IConvertible> X, List<IConvertible> Y)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            if (FrameColumns.Value(xs, r) is not { } xv || FrameColumns.Value(ys, r) is not { } yv)
            {
                continue;
            }

            var key = colors is null ? y : FrameColumns.Text(colors, r);
            if (key is null)
            {
                continue;
            }

            if (!groups.TryGetValue(key, out var group))
            {
                group = ([], []);
                groups.Add(key, group);
                order.Add(key);
            }

            group.X.Add(xv);
            group.Y.Add(yv);
        }

        if (order.Count == 0)
        {
            // Nothing to draw still draws the axes, so the chart says "empty" rather than failing.
            groups.Add(y, ([], []));
            order.Add(y);
        }

        var traces = order.Select(key => lines
            ? PlotlyChart.Line<IConvertible, IConvertible, string>(groups[key].X, groups[key].Y, Name: key)
            : PlotlyChart.Point<IConvertible, IConvertible, string>(groups[key].X, groups[key].Y, Name: key));
        var chart = PlotlyChart.Combine(traces.ToList());
        if (color is not null)
        {
            chart = WithLayout(chart, "legend", new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = color } });
        }

        return Finish(chart, x, y, title);
    }

    private static GenericChart Finish(GenericChart chart, string xTitle, string yTitle, string? title)
    {
        chart = PlotlyExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: xTitle);
        chart = PlotlyExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: yTitle);
        return title is null ? chart : FSharpChart.withTitle(title, null).Invoke(chart);
    }

    /// <summary>Sets one layout property; Plotly.NET's typed setters take every F# optional argument in C#.</summary>
    private static GenericChart WithLayout(GenericChart chart, string property, object value)
    {
        var layout = new Layout();
        layout.SetProperty(property, value);
        return FSharpChart.withLayout(layout).Invoke(chart);
    }

    private static string Range(double from, double to, bool closed) =>
        string.Create(CultureInfo.InvariantCulture, $"[{from:G6}, {to:G6}{(closed ? "]" : ")")}");
}
