using AIStudio.Extensions.Datasets.Display;

namespace AIStudio.Extensions.Datasets.Tests;

public class DataFrameHtmlTests
{
    [Fact]
    public void The_first_page_shows_twenty_rows_the_row_count_types_and_statistics()
    {
        var html = DataFrameHtml.Render(Datasets.Load("penguins"));

        Assert.Contains("344 rows × 8 columns", html, StringComparison.Ordinal);
        Assert.Contains("rows 1–20 of 344", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"type\">double</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"type\">string</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"type\">int</span>", html, StringComparison.Ordinal);
        Assert.Contains("<th>mean</th>", html, StringComparison.Ordinal);
        Assert.Equal(20, System.Text.RegularExpressions.Regex.Count(html, @"<tr><th>\d+</th>"));
        Assert.Contains("<td class=\"na\">null</td>", html, StringComparison.Ordinal);
        // Self-contained: nothing fetched from elsewhere.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Statistics_are_those_of_the_data()
    {
        var summary = FrameStatistics.Summarize(Datasets.Load("penguins")).ToDictionary(s => s.Column);

        var mass = summary["body_mass_g"];
        Assert.Equal(342, mass.Count);
        Assert.Equal(2, mass.Nulls);
        Assert.Equal(4201.754, mass.Mean!.Value, 3);
        Assert.Equal(801.955, mass.Std!.Value, 3);
        Assert.Equal(2700, mass.Min);
        Assert.Equal(6300, mass.Max);
        var species = summary["species"];
        Assert.Equal(3, species.Distinct);
        Assert.Equal("Adelie", species.Top);
        Assert.Equal(152, species.TopFrequency);
    }

    [Fact]
    public void The_last_page_shows_the_remaining_rows()
    {
        var html = Datasets.Load("penguins").Page(18).ToHtml();

        Assert.Contains("rows 341–344 of 344 (page 18 of 18)", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>343</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_in_cells_is_encoded()
    {
        var frame = new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.StringDataFrameColumn("<b>", ["<script>alert(1)</script>"]));

        var html = DataFrameHtml.Render(frame);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }
}
