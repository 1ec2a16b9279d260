using System.Globalization;
using System.Net;

namespace AIStudio.Extensions.Training.MlNet;

/// <summary>What <see cref="MlNetTraining.Fit"/> shows while a pipeline trains: the latest message from ML.NET and the time so far.</summary>
public sealed record MlNetStatus(string Title, TimeSpan Elapsed, string Message, bool Finished)
{
    public string ToText() => string.Create(CultureInfo.InvariantCulture,
        $"{Title} — {(Finished ? "done in" : "running for")} {Elapsed.TotalSeconds:F1} s — {Message}");

    public string ToHtml() => string.Create(CultureInfo.InvariantCulture,
        $"<div class=\"aistudio-mlnet-status\" style=\"font-family: var(--jp-code-font-family, monospace); font-size: 0.9em\"><strong>{WebUtility.HtmlEncode(Title)}</strong> — {(Finished ? "done in" : "running for")} {Elapsed.TotalSeconds:F1} s<div style=\"color: var(--jp-ui-font-color2, #666)\">{WebUtility.HtmlEncode(Message)}</div></div>");

    public override string ToString() => ToText();
}
