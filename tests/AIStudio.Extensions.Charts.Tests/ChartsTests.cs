using Microsoft.Data.Analysis;

namespace AIStudio.Extensions.Charts.Tests;

/// <summary>Each helper's figure JSON: trace types, the values plotted, nulls left out, and the errors users see.</summary>
public sealed class ChartsTests
{
    [Fact]
    public void Scatter_with_color_has_one_marker_trace_per_value_and_leaves_out_rows_with_nulls()
    {
        var figure = Figure.Of(Charts.Scatter(Frames.Penguins(), x: "bill_length_mm", y: "bill_depth_mm", color: "species"));

        Assert.Equal(3, figure.TraceCount());
        var adelie = figure.Trace(0);
        Assert.Equal("scatter", adelie.GetProperty("type").GetString());
        Assert.Equal("markers", adelie.GetProperty("mode").GetString());
        Assert.Equal("Adelie", adelie.GetProperty("name").GetString());
        Assert.Equal([39.1, 40.3], adelie.Numbers("x"));
        Assert.Equal([18.7, 18.0], adelie.Numbers("y"));
        Assert.Equal("Gentoo", figure.Trace(1).GetProperty("name").GetString());
        Assert.Equal([46.1], figure.Trace(1).Numbers("x"));
        Assert.Equal([46.5], figure.Trace(2).Numbers("x"));
        Assert.Equal("bill_length_mm", figure.AxisTitle("xaxis"));
        Assert.Equal("bill_depth_mm", figure.AxisTitle("yaxis"));
        Assert.Equal("species", figure.GetProperty("layout").GetProperty("legend").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Scatter_without_color_is_one_trace_of_every_complete_row()
    {
        var figure = Figure.Of(Charts.Scatter(Frames.Penguins(), "bill_length_mm", "bill_depth_mm", title: "Bills"));

        var trace = Assert.Single(figure.GetProperty("data").EnumerateArray());
        Assert.Equal([39.1, 46.1, 40.3, 38.0, 46.5], trace.Numbers("x"));
        Assert.Equal([18.7, 13.2, 18.0, 17.1, 17.9], trace.Numbers("y"));
        Assert.Equal("Bills", figure.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Line_draws_lines_in_row_order_and_plots_text_columns_as_categories()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("month", ["Jan", "Feb", "Mar"]),
            new Int32DataFrameColumn("sales", [3, null, 7]));

        var trace = Figure.Of(Charts.Line(frame, x: "month", y: "sales")).Trace(0);

        Assert.Equal("scatter", trace.GetProperty("type").GetString());
        Assert.Equal("lines", trace.GetProperty("mode").GetString());
        Assert.Equal(["Jan", "Mar"], trace.Strings("x"));
        Assert.Equal([3.0, 7.0], trace.Numbers("y"));
    }

    [Fact]
    public void Histogram_counts_equal_width_bins_with_the_last_one_closed()
    {
        var figure = Figure.Of(Charts.Histogram(Frames.Penguins(), "bill_length_mm", bins: 4));

        var trace = figure.Trace(0);
        Assert.Equal("bar", trace.GetProperty("type").GetString());
        // 38.0 … 46.5 in bins of 2.125; the null row is left out and the maximum falls in the last bin.
        Assert.Equal([3.0, 1.0, 0.0, 2.0], trace.Numbers("y"));
        Assert.Equal([39.0625, 41.1875, 43.3125, 45.4375], trace.Numbers("x"));
        Assert.Equal(2.125, trace.GetProperty("width").GetDouble());
        Assert.Equal("[44.375, 46.5]", trace.Strings("hovertext")[3]);
        Assert.Equal(0.0, figure.GetProperty("layout").GetProperty("bargap").GetDouble());
        Assert.Equal("count", figure.AxisTitle("yaxis"));
    }

    [Fact]
    public void Histogram_of_a_text_column_says_it_needs_numbers()
    {
        var error = Assert.Throws<ArgumentException>(() => Charts.Histogram(Frames.Penguins(), "species"));

        Assert.Contains("numeric column; 'species' holds String values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bar_without_a_value_counts_rows_per_category_in_order_of_appearance()
    {
        var trace = Figure.Of(Charts.Bar(Frames.Penguins(), "species")).Trace(0);

        Assert.Equal("bar", trace.GetProperty("type").GetString());
        Assert.Equal(["Adelie", "Gentoo", "Chinstrap"], trace.Strings("x"));
        Assert.Equal([3.0, 2.0, 1.0], trace.Numbers("y"));
    }

    [Fact]
    public void Bar_with_a_value_sums_it_per_category()
    {
        var trace = Figure.Of(Charts.Bar(Frames.Penguins(), "species", value: "bill_length_mm")).Trace(0);

        Assert.Equal(["Adelie", "Gentoo", "Chinstrap"], trace.Strings("x"));
        var sums = trace.Numbers("y");
        Assert.Equal(118.9, sums[0], 9);
        Assert.Equal([46.1, 46.5], sums[1..]);
    }

    [Fact]
    public void Bar_of_a_numeric_column_uses_its_values_as_categories()
    {
        var trace = Figure.Of(Charts.Bar(Frames.Penguins(), "year")).Trace(0);

        Assert.Equal(["2007", "2008", "2009"], trace.Strings("x"));
        Assert.Equal([3.0, 2.0, 2.0], trace.Numbers("y"));
    }

    [Fact]
    public void Confusion_matrix_counts_actual_rows_against_predicted_columns_and_annotates_them()
    {
        string[] actual = ["cat", "dog", "cat", "bird", "dog"];
        string[] predicted = ["cat", "cat", "cat", "bird", "dog"];

        var figure = Figure.Of(Charts.ConfusionMatrix(actual, predicted));

        var trace = figure.Trace(0);
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal(["bird", "cat", "dog"], trace.Strings("x"));
        Assert.Equal(["bird", "cat", "dog"], trace.Strings("y"));
        Assert.Equal([[1, 0, 0], [0, 2, 0], [0, 1, 1]], trace.Matrix("z"));
        var annotations = figure.GetProperty("layout").GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()).ToList();
        Assert.Equal(9, annotations.Count);
        Assert.Equal(3, annotations.Count(a => a == "1"));
        Assert.Single(annotations, "2");
        Assert.Equal("predicted", figure.AxisTitle("xaxis"));
        Assert.Equal("actual", figure.AxisTitle("yaxis"));
    }

    [Fact]
    public void Confusion_matrix_follows_the_given_label_order_and_refuses_unknown_values()
    {
        var figure = Figure.Of(Charts.ConfusionMatrix([1, 0, 1, 1], [1, 0, 0, 1], labels: [1, 0]));
        Assert.Equal([[2, 1], [0, 1]], figure.Trace(0).Matrix("z"));

        var unknown = Assert.Throws<ArgumentException>(() => Charts.ConfusionMatrix([1, 2], [1, 1], labels: [0, 1]));
        Assert.Contains("The actual value '2' is not one of the labels: 0, 1.", unknown.Message, StringComparison.Ordinal);

        var unpaired = Assert.Throws<ArgumentException>(() => Charts.ConfusionMatrix([1, 2], [1]));
        Assert.Contains("2 actual values and 1 predicted ones", unpaired.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loss_curve_has_a_training_and_a_validation_line_per_epoch_without_NaN()
    {
        var figure = Figure.Of(Charts.LossCurve([1.0, 0.6, double.NaN, 0.3], validation: [1.1, 0.8, 0.7, 0.5]));

        Assert.Equal(2, figure.TraceCount());
        var training = figure.Trace(0);
        Assert.Equal("training", training.GetProperty("name").GetString());
        Assert.Equal("lines+markers", training.GetProperty("mode").GetString());
        Assert.Equal([1.0, 2.0, 4.0], training.Numbers("x"));
        Assert.Equal([1.0, 0.6, 0.3], training.Numbers("y"));
        var validation = figure.Trace(1);
        Assert.Equal("validation", validation.GetProperty("name").GetString());
        Assert.Equal([1.0, 2.0, 3.0, 4.0], validation.Numbers("x"));
        Assert.Equal([1.1, 0.8, 0.7, 0.5], validation.Numbers("y"));
        Assert.Equal("epoch", figure.AxisTitle("xaxis"));
        Assert.Equal("Loss", figure.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Loss_curve_without_validation_is_one_line()
    {
        Assert.Equal(1, Figure.Of(Charts.LossCurve([0.9, 0.4])).TraceCount());
    }

    [Theory]
    [InlineData("x")]
    [InlineData("y")]
    [InlineData("color")]
    public void A_missing_column_is_named_with_the_columns_the_frame_has(string parameter)
    {
        var x = parameter == "x" ? "bill_len" : "bill_length_mm";
        var y = parameter == "y" ? "bill_len" : "bill_depth_mm";
        var color = parameter == "color" ? "bill_len" : "species";

        var error = Assert.Throws<MissingColumnException>(() => Charts.Scatter(Frames.Penguins(), x, y, color));

        Assert.Equal(parameter, error.ParamName);
        Assert.Equal("bill_len", error.Column);
        Assert.Equal(["species", "bill_length_mm", "bill_depth_mm", "year"], error.Columns);
        Assert.StartsWith(
            "There is no column 'bill_len' in the DataFrame. Its columns are: species, bill_length_mm, bill_depth_mm, year.",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Every_frame_helper_reports_a_missing_column()
    {
        var frame = Frames.Penguins();

        Assert.Throws<MissingColumnException>(() => Charts.Line(frame, "nope", "bill_depth_mm"));
        Assert.Throws<MissingColumnException>(() => Charts.Histogram(frame, "nope"));
        Assert.Throws<MissingColumnException>(() => Charts.Bar(frame, "nope"));
        Assert.Throws<MissingColumnException>(() => Charts.Bar(frame, "species", value: "nope"));
    }
}
