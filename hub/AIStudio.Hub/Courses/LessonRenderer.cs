using System.Text;
using System.Text.Encodings.Web;
using AIStudio.Courses.Notebooks;
using Markdig;
using Markdig.Syntax;

namespace AIStudio.Hub.Courses;

/// <summary>
/// A lesson notebook as a page: markdown cells through Markdig with raw HTML disabled (a <c>&lt;script&gt;</c> in a cell
/// shows as text, never runs; DESIGN §10), code cells as escaped <c>&lt;pre&gt;&lt;code class="language-csharp"&gt;</c>.
/// Outputs are not shown: the learner runs the notebook to see them.
/// </summary>
public sealed class LessonRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .DisableHtml()
        .Build();

    /// <summary>The lesson's HTML (safe to put in a page as it is).</summary>
    public string Render(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var html = new StringBuilder();
        foreach (var cell in notebook.Cells)
        {
            switch (cell.CellType)
            {
                case NotebookCell.Markdown:
                    html.Append("<div class=\"lesson-markdown\">").Append(RenderMarkdown(cell.Source)).Append("</div>\n");
                    break;
                case NotebookCell.Code when cell.Source.Trim().Length > 0:
                    html.Append("<pre class=\"lesson-code\"><code class=\"language-csharp\">")
                        .Append(HtmlEncoder.Default.Encode(cell.Source))
                        .Append("</code></pre>\n");
                    break;
            }
        }

        return html.ToString();
    }

    /// <summary>One markdown text as HTML, raw HTML escaped; links keep only http(s), mailto and relative targets.</summary>
    public string RenderMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, _pipeline);
        foreach (var link in document.Descendants<Markdig.Syntax.Inlines.LinkInline>())
        {
            if (link.Url is { } url && !IsSafe(url))
            {
                link.Url = "#";
            }
        }

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static bool IsSafe(string url)
    {
        var trimmed = url.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || trimmed.IndexOfAny(['/', '?', '#']) is var first && first >= 0 && first < colon)
        {
            return true;
        }

        var scheme = trimmed[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }
}
