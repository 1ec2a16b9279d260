using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace AIStudio.Extensions.Agents.Display;

/// <summary>
/// The markdown models write, as safe HTML: fenced code blocks, headings, bullet and numbered lists, paragraphs,
/// <c>`code`</c>, <c>**bold**</c> and <c>*italics*</c>. Everything is HTML-escaped first, so a reply can never inject markup
/// or script into the notebook; an unclosed code fence (a reply still streaming) renders as code so far.
/// </summary>
internal static partial class MiniMarkdown
{
    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var html = new StringBuilder();
        var paragraph = new List<string>();
        string? list = null;
        StringBuilder? code = null;
        foreach (var rawLine in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = rawLine.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                if (code is null)
                {
                    Flush(html, paragraph, ref list);
                    code = new StringBuilder();
                }
                else
                {
                    html.Append("<pre><code>").Append(code).Append("</code></pre>");
                    code = null;
                }

                continue;
            }

            if (code is not null)
            {
                code.Append(WebUtility.HtmlEncode(rawLine)).Append('\n');
                continue;
            }

            if (line.Length == 0)
            {
                Flush(html, paragraph, ref list);
                continue;
            }

            if (Heading().Match(line) is { Success: true } heading)
            {
                Flush(html, paragraph, ref list);
                var level = heading.Groups[1].Length;
                html.Append(FormattableString.Invariant($"<h{level}>")).Append(Inline(heading.Groups[2].Value)).Append(FormattableString.Invariant($"</h{level}>"));
                continue;
            }

            var bullet = Bullet().Match(line);
            var numbered = Numbered().Match(line);
            if (bullet.Success || numbered.Success)
            {
                FlushParagraph(html, paragraph);
                var kind = bullet.Success ? "ul" : "ol";
                if (list != kind)
                {
                    CloseList(html, ref list);
                    html.Append('<').Append(kind).Append('>');
                    list = kind;
                }

                html.Append("<li>").Append(Inline((bullet.Success ? bullet : numbered).Groups[1].Value)).Append("</li>");
                continue;
            }

            CloseList(html, ref list);
            paragraph.Add(line);
        }

        if (code is not null)
        {
            html.Append("<pre><code>").Append(code).Append("</code></pre>");
        }

        Flush(html, paragraph, ref list);
        return html.ToString();
    }

    private static void Flush(StringBuilder html, List<string> paragraph, ref string? list)
    {
        FlushParagraph(html, paragraph);
        CloseList(html, ref list);
    }

    private static void FlushParagraph(StringBuilder html, List<string> paragraph)
    {
        if (paragraph.Count > 0)
        {
            html.Append("<p>").Append(string.Join("<br>", paragraph.Select(Inline))).Append("</p>");
            paragraph.Clear();
        }
    }

    private static void CloseList(StringBuilder html, ref string? list)
    {
        if (list is not null)
        {
            html.Append("</").Append(list).Append('>');
            list = null;
        }
    }

    private static string Inline(string text)
    {
        var parts = text.Split('`');
        var html = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            var encoded = WebUtility.HtmlEncode(parts[i]);
            // Odd parts are between backticks (an unpaired last backtick stays a backtick).
            if (i % 2 == 1 && i < parts.Length - 1)
            {
                html.Append("<code>").Append(encoded).Append("</code>");
            }
            else
            {
                if (i % 2 == 1)
                {
                    html.Append('`');
                }

                html.Append(Italic().Replace(Bold().Replace(encoded, "<strong>$1</strong>"), "<em>$1</em>"));
            }
        }

        return html.ToString();
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*[-*+]\s+(.*)$")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^\s*\d+[.)]\s+(.*)$")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])")]
    private static partial Regex Italic();
}
