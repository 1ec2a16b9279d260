using System.Text.Json.Nodes;
using AIStudio.Hub.Deployments;

namespace AIStudio.Hub.Tests;

/// <summary>JSON Schema (as System.Text.Json's exporter writes it) rewritten into OpenAPI 3.0 Schema Objects, each checked by a real OpenAPI reader.</summary>
public sealed class OpenApi30SchemaTests
{
    [Theory]
    [InlineData("""{"type":["integer","null"],"default":null}""", """{"default":null,"type":"integer","nullable":true}""")]
    [InlineData("""{"type":["string","integer"],"pattern":"^-?\\d+$"}""", """{"anyOf":[{"type":"string","pattern":"^-?\\d+$"},{"type":"integer","pattern":"^-?\\d+$"}]}""")]
    [InlineData("""{"anyOf":[{"type":"number"},{"enum":["NaN"]},{"type":"null"}]}""", """{"anyOf":[{"type":"number","nullable":true},{"enum":["NaN"]}]}""")]
    [InlineData("""{"$schema":"https://json-schema.org/draft/2020-12/schema","const":"a"}""", """{"enum":["a"]}""")]
    [InlineData("""{"type":"object","properties":{"tags":{"type":["array","null"],"items":{"type":["string","null"]}}},"required":["tags"]}""",
        """{"type":"object","properties":{"tags":{"type":"array","items":{"type":"string","nullable":true},"nullable":true}},"required":["tags"]}""")]
    [InlineData("""{"type":"null"}""", """{"nullable":true}""")]
    public void A_json_schema_becomes_an_openapi_3_0_schema(string jsonSchema, string expected)
    {
        var converted = OpenApi30Schema.Convert(JsonNode.Parse(jsonSchema))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), converted), converted.ToJsonString());
        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = "t", ["version"] = "1" },
            ["paths"] = new JsonObject(),
            ["components"] = new JsonObject { ["schemas"] = new JsonObject { ["Row"] = converted } },
        };
        OpenApiDocuments.AssertValid(document.ToJsonString());
    }
}
