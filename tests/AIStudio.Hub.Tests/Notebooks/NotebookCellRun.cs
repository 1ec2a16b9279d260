using System.Text;
using System.Text.Json;

namespace AIStudio.Hub.Tests.Notebooks;

/// <summary>One code cell of a notebook as it ran in a hub's kernel: its source, its reply's status and every message it caused.</summary>
public sealed record NotebookCellRun(int Index, string Source, string Status, IReadOnlyList<ReceivedMessage> Messages)
{
    private static readonly string[] TextTypes = ["text/plain", "text/html", "text/markdown"];

    /// <summary>Everything the cell showed as text: streams, errors, and text/plain, text/html, text/markdown of its outputs and updates.</summary>
    public string Text
    {
        get
        {
            var text = new StringBuilder();
            foreach (var message in Messages)
            {
                switch (message.MessageType)
                {
                    case "stream":
                        text.Append(message.Content.GetProperty("text").GetString()).Append('\n');
                        break;
                    case "error":
                        text.Append(message.Content.GetProperty("ename").GetString()).Append(": ").Append(message.Content.GetProperty("evalue").GetString()).Append('\n');
                        break;
                    case "display_data" or "update_display_data" or "execute_result":
                        var data = message.Content.GetProperty("data");
                        foreach (var mime in TextTypes)
                        {
                            if (data.TryGetProperty(mime, out var value) && value.ValueKind == JsonValueKind.String)
                            {
                                text.Append(value.GetString()).Append('\n');
                            }
                        }

                        break;
                }
            }

            return text.ToString();
        }
    }

    public bool Failed => Status != "ok" || Messages.Any(m => m.MessageType == "error");

    /// <summary>Whether the cell showed a Plotly chart.</summary>
    public bool ShowsChart => Messages.Any(m => m.MessageType is "display_data" or "execute_result"
        && m.Content.GetProperty("data").TryGetProperty("application/vnd.plotly.v1+json", out _));
}
