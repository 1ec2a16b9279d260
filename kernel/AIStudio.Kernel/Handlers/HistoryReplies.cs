using System.Text.Json;
using AIStudio.Kernel.History;
using AIStudio.Kernel.Protocol.Messages.Content;

namespace AIStudio.Kernel.Handlers;

/// <summary>Builds history_reply: [session, line, input] or [session, line, [input, output]] entries.</summary>
internal static class HistoryReplies
{
    public static HistoryReply Answer(HistoryStore history, HistoryRequest request)
    {
        var entries = request.HistAccessType switch
        {
            "tail" => history.Tail(request.N ?? 10),
            "range" => history.Range(request.Session, request.Start, request.Stop),
            "search" => history.Search(request.Pattern ?? "*", request.N, request.Unique),
            _ => [],
        };
        return new HistoryReply { History = entries.Select(e => ToJson(e, request.Output)).ToList() };
    }

    private static JsonElement ToJson(HistoryEntry entry, bool output)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(entry.Session);
            writer.WriteNumberValue(entry.Line);
            if (output)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(entry.Input);
                if (entry.Output is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(entry.Output);
                }

                writer.WriteEndArray();
            }
            else
            {
                writer.WriteStringValue(entry.Input);
            }

            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }
}
