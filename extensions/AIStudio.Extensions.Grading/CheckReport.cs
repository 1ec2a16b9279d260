using System.Globalization;
using System.Net;
using System.Text;

namespace AIStudio.Extensions.Grading;

/// <summary>What <c>#!check</c> found: each visible test, passed or not, and the points they give.</summary>
public sealed record CheckReport(string Notebook, IReadOnlyList<CheckResult> Results)
{
    public double Points => Results.Where(r => r.Passed).Sum(r => r.Points);

    public double MaxPoints => Results.Sum(r => r.Points);

    public bool AllPassed => Results.All(r => r.Passed);

    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Path.GetFileName(Notebook)}: {Results.Count(r => r.Passed)} of {Results.Count} visible tests pass, {Points:0.##} of {MaxPoints:0.##} points.\n");
        foreach (var result in Results)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {(result.Passed ? "PASS" : "FAIL")}  {result.Test} ({result.Points:0.##} pt){(result.Message is { } m ? ": " + m : "")}\n");
        }

        text.Append(AllPassed
            ? "Hidden tests run when the assignment is graded: passing these is a good sign, not the final score.\n"
            : "Fix what fails and run #!check again. Hidden tests also run when the assignment is graded.\n");
        return text.ToString();
    }

    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<div class=\"aistudio-check\">");
        html.Append(CultureInfo.InvariantCulture, $"<p><strong>{Results.Count(r => r.Passed)} of {Results.Count}</strong> visible tests pass — <strong>{Points:0.##} of {MaxPoints:0.##}</strong> points.</p>");
        html.Append("<table><thead><tr><th scope=\"col\">Test</th><th scope=\"col\">Points</th><th scope=\"col\">Result</th></tr></thead><tbody>");
        foreach (var result in Results)
        {
            var outcome = result.Passed ? "✔ passes" : "✘ fails" + (result.Message is { } m ? ": " + WebUtility.HtmlEncode(m) : "");
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(result.Test)}</td><td>{result.Points:0.##}</td><td>{outcome}</td></tr>");
        }

        html.Append("</tbody></table>");
        html.Append(AllPassed
            ? "<p>Hidden tests run when the assignment is graded: passing these is a good sign, not the final score.</p>"
            : "<p>Fix what fails and run <code>#!check</code> again. Hidden tests also run when the assignment is graded.</p>");
        html.Append("</div>");
        return html.ToString();
    }

    public override string ToString() => ToText();
}
