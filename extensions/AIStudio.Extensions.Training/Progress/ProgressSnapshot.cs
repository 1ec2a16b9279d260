using System.Globalization;
using System.Net;
using System.Text;

namespace AIStudio.Extensions.Training.Progress;

/// <summary>
/// What the live display shows at one moment: a bar, the epoch (and batch) reached, the latest loss and metric, the
/// elapsed time and an estimate of the time left. Displayed as HTML (a <c>&lt;progress&gt;</c> bar) and as one line of
/// text for consoles.
/// </summary>
public sealed record ProgressSnapshot
{
    public required string Title { get; init; }

    public required int Epochs { get; init; }

    /// <summary>Epochs finished.</summary>
    public required int Epoch { get; init; }

    /// <summary>The batch reached inside the running epoch, and how many it has; 0 between epochs.</summary>
    public int Batch { get; init; }

    public int Batches { get; init; }

    public double? Loss { get; init; }

    public double? Metric { get; init; }

    public double? ValidationLoss { get; init; }

    public double? ValidationMetric { get; init; }

    public required string MetricName { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public bool Finished { get; init; }

    public bool Failed { get; init; }

    /// <summary>Work done, 0 to 1, counting the running epoch's batches.</summary>
    public double Fraction => Epochs <= 0 ? 0 : Math.Clamp((Epoch + (Batches > 0 ? (double)Batch / Batches : 0)) / Epochs, 0, 1);

    /// <summary>The time left at the pace so far; null until some work is done, zero when finished.</summary>
    public TimeSpan? Eta => Finished ? TimeSpan.Zero
        : Fraction <= 0 ? null
        : TimeSpan.FromSeconds(Elapsed.TotalSeconds / Fraction * (1 - Fraction));

    public string ToText()
    {
        const int width = 24;
        var filled = (int)Math.Round(Fraction * width);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Title} [{new string('#', filled)}{new string('-', width - filled)}] epoch {Epoch}/{Epochs}");
        if (Batches > 0 && !Finished)
        {
            text.Append(CultureInfo.InvariantCulture, $" (batch {Batch}/{Batches})");
        }

        foreach (var (name, value) in Values())
        {
            text.Append(CultureInfo.InvariantCulture, $"  {name} {Format(value)}");
        }

        text.Append(CultureInfo.InvariantCulture, $"  elapsed {Duration(Elapsed)}");
        text.Append(Finished ? (Failed ? "  stopped" : "  done") : Eta is { } eta ? $"  ETA {Duration(eta)}" : "");
        return text.ToString();
    }

    public string ToHtml()
    {
        var percent = (Fraction * 100).ToString("F0", CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append("<div class=\"aistudio-training-progress\" style=\"font-family: var(--jp-code-font-family, monospace); font-size: 0.9em\">");
        html.Append(CultureInfo.InvariantCulture, $"<div><strong>{WebUtility.HtmlEncode(Title)}</strong> — epoch {Epoch}/{Epochs}");
        if (Batches > 0 && !Finished)
        {
            html.Append(CultureInfo.InvariantCulture, $", batch {Batch}/{Batches}");
        }

        html.Append(Finished ? (Failed ? " — stopped" : " — done") : "");
        html.Append("</div>");
        html.Append(CultureInfo.InvariantCulture, $"<progress value=\"{(Fraction * 1000).ToString("F0", CultureInfo.InvariantCulture)}\" max=\"1000\" style=\"width: 24em\" title=\"{percent}%\"></progress> {percent}%");
        html.Append("<table style=\"margin-top: 0.3em\"><tr>");
        foreach (var (name, _) in Values())
        {
            html.Append(CultureInfo.InvariantCulture, $"<th style=\"text-align: right; padding-right: 1em\">{WebUtility.HtmlEncode(name)}</th>");
        }

        html.Append("<th style=\"text-align: right; padding-right: 1em\">elapsed</th><th style=\"text-align: right\">ETA</th></tr><tr>");
        foreach (var (_, value) in Values())
        {
            html.Append(CultureInfo.InvariantCulture, $"<td style=\"text-align: right; padding-right: 1em\">{Format(value)}</td>");
        }

        var eta = Finished ? "—" : Eta is { } left ? Duration(left) : "…";
        html.Append(CultureInfo.InvariantCulture, $"<td style=\"text-align: right; padding-right: 1em\">{Duration(Elapsed)}</td><td style=\"text-align: right\">{eta}</td></tr></table></div>");
        return html.ToString();
    }

    public override string ToString() => ToText();

    private IEnumerable<(string Name, double Value)> Values()
    {
        if (Loss is { } loss)
        {
            yield return ("loss", loss);
        }

        if (Metric is { } metric)
        {
            yield return (MetricName, metric);
        }

        if (ValidationLoss is { } validationLoss)
        {
            yield return ("val loss", validationLoss);
        }

        if (ValidationMetric is { } validationMetric)
        {
            yield return ("val " + MetricName, validationMetric);
        }
    }

    private static string Format(double value) => Math.Abs(value) is >= 1e-3 and < 1e5 || value == 0
        ? value.ToString("0.0000", CultureInfo.InvariantCulture)
        : value.ToString("0.###e0", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan time) => time.TotalHours >= 1
        ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : time.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
