using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AIStudio.Extensions.Datasets.Registration;

namespace AIStudio.Hub.Datasets;

/// <summary>
/// <c>datasets/{name}/dataset.json</c>: the Datasets extension's own provenance record (<see cref="ProvenanceRecord"/>,
/// written with the same JSON names as <c>Datasets.Register</c> writes in a notebook: <c>name</c>, <c>file</c>,
/// <c>sha256</c>, <c>license</c>, <c>licenseName</c>, <c>detectionMethod</c>, <c>detectionScore</c>, <c>warnings</c>,
/// <c>attribution</c>, <c>licenseText</c>, <c>commercialPlan</c>, <c>registeredBy</c>, <c>registeredAt</c>) plus the
/// curated catalog's <c>source</c> and <c>citation</c>. So the extension's <c>DatasetCatalog</c> reads a folder of
/// uploaded datasets as it reads its curated ones (name, licence, file, SHA-256 checked at load).
/// </summary>
public sealed record DatasetManifest(ProvenanceRecord Provenance, string Source, string Citation)
{
    /// <summary>The extension's settings for its JSON files (web names, indented).</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public byte[] ToJson()
    {
        var record = JsonSerializer.SerializeToNode(Provenance, Json)!.AsObject();
        record["source"] = Source;
        record["citation"] = Citation;
        return Encoding.UTF8.GetBytes(record.ToJsonString(Json) + "\n");
    }

    /// <summary>The record in <paramref name="json"/>, or null when it is not one (not JSON, or a field the record needs is missing).</summary>
    public static DatasetManifest? Parse(byte[] json)
    {
        try
        {
            if (JsonNode.Parse(json) is not JsonObject record)
            {
                return null;
            }

            var provenance = record.Deserialize<ProvenanceRecord>(Json);
            return provenance is null || provenance.Sha256.Length != 64
                ? null
                : new DatasetManifest(provenance, Text(record, "source"), Text(record, "citation"));
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // A field of another JSON type than the record's (e.g. "source": 3).
            return null;
        }
    }

    private static string Text(JsonObject record, string name) =>
        record[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
