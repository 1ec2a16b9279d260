using System.Text.Json;
using System.Text.Json.Nodes;
using AIStudio.Serving;

namespace AIStudio.Hub.Deployments;

/// <summary>
/// An OpenAPI 3 document for one deployment's predict endpoints, built from the stored schema of the version that takes
/// most of the traffic (the versions of one deployment usually share their inputs; each version's own schema is in the
/// management API). A C# function's inputs and outputs (its records' properties) carry their JSON schema, read from the
/// compiled types, which becomes the schema of one row's value; its optional inputs (those with a default) are not
/// required. NaN and the infinities are the strings "NaN", "Infinity" and "-Infinity" (<see cref="NamedFloats"/>), which
/// the floating-point values' schemas allow, for models and functions alike.
/// </summary>
public static class DeploymentOpenApi
{
    public static string Document(HttpRequest request, ServedDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(deployment);
        var main = deployment.Versions.OrderByDescending(v => v.TrafficPercent).ThenByDescending(v => v.Number).First();
        var path = $"{DeploymentUrls.Prefix}/{deployment.OwnerName}/{deployment.Name}";
        var inputs = new JsonObject();
        foreach (var input in main.Schema.Inputs)
        {
            inputs[input.Name] = Column(input);
        }

        var outputs = new JsonObject();
        foreach (var output in main.Schema.Outputs)
        {
            outputs[output.Name] = Column(output);
        }

        var required = main.Schema.Inputs.Where(i => !i.Optional).Select(i => (JsonNode)JsonValue.Create(i.Name)).ToArray();
        var inputsSchema = new JsonObject { ["type"] = "object" };
        if (required.Length > 0)
        {
            // OpenAPI 3.0 wants a list of at least one name, or none.
            inputsSchema["required"] = new JsonArray(required);
        }

        inputsSchema["properties"] = inputs;
        inputsSchema["additionalProperties"] = false;
        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = $"{deployment.OwnerName}/{deployment.Name}",
                ["description"] = $"Predictions from the deployment '{deployment.Name}' of {deployment.OwnerName}, served by AI Studio " +
                    (main.Kind == DeploymentKinds.Function ? "from a C# function. " : "with ONNX Runtime. ") +
                    "One array per input, one element per row; the answer has one array per output, row by row. " +
                    $"NaN and the infinities, which JSON has no number for, are the strings {string.Join(", ", NamedFloats.Names.Select(n => $"\"{n}\""))}, in answers and in requests.",
                ["version"] = main.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = $"{request.Scheme}://{request.Host}{request.PathBase}" }),
            ["security"] = new JsonArray(new JsonObject { ["deploymentKey"] = new JsonArray() }),
            ["paths"] = new JsonObject
            {
                [$"{path}/predict"] = new JsonObject { ["post"] = Operation("predict", "A prediction from the version the traffic split draws.", versioned: false) },
                [$"{path}/v{{version}}/predict"] = new JsonObject { ["post"] = Operation("predictVersion", "A prediction from one version.", versioned: true) },
            },
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["deploymentKey"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["description"] = "A key of this deployment (aisd_…) with the 'predict' scope." },
                },
                ["schemas"] = new JsonObject
                {
                    ["PredictRequest"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("inputs"),
                        ["properties"] = new JsonObject
                        {
                            ["inputs"] = inputsSchema,
                        },
                    },
                    ["PredictResponse"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["version"] = new JsonObject { ["type"] = "integer", ["description"] = "The version that answered (also the X-AIStudio-Deployment-Version header)." },
                            ["outputs"] = new JsonObject { ["type"] = "object", ["properties"] = outputs },
                        },
                    },
                    ["Error"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject { ["message"] = new JsonObject { ["type"] = "string" }, ["reason"] = new JsonObject { ["type"] = "string" } },
                    },
                },
            },
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Operation(string id, string summary, bool versioned)
    {
        var operation = new JsonObject
        {
            ["operationId"] = id,
            ["summary"] = summary,
            ["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref("PredictRequest") } },
            },
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "The outputs.",
                    ["headers"] = new JsonObject { [DeploymentServer.VersionHeader] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "integer" } } },
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref("PredictResponse") } },
                },
                ["400"] = Error("Malformed inputs: the message names the field and what was expected."),
                ["500"] = Error("A C# function threw an exception: the message names it."),
                ["503"] = Error("A C# function's serving process could not start; try again shortly."),
                ["504"] = Error("A C# function ran past the time allowed for one call."),
                ["401"] = Error("No key, or a wrong or revoked one."),
                ["404"] = Error("No such deployment or version."),
                ["429"] = Error("Over the rate limit of the owner's plan; Retry-After says when to try again."),
            },
        };
        if (versioned)
        {
            operation["parameters"] = new JsonArray(new JsonObject
            {
                ["name"] = "version",
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
            });
        }

        return operation;
    }

    private static JsonObject Error(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref("Error") } },
    };

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    /// <summary>An input or output: an array with one element per row (a value, or nested arrays for several values a row).</summary>
    private static JsonObject Column(TensorSpec spec)
    {
        if (spec.JsonSchema is { } rowSchema && OpenApi30Schema.Convert(JsonNode.Parse(rowSchema.GetRawText())) is JsonObject row)
        {
            return new JsonObject
            {
                ["type"] = "array",
                ["description"] = $"{spec.Type}: one value per row",
                ["items"] = row,
            };
        }

        JsonObject item = Scalar(spec.Type);
        foreach (var dimension in spec.Shape.Skip(1).Where(d => d != 1).Reverse())
        {
            var array = new JsonObject { ["type"] = "array", ["items"] = item };
            if (dimension > 0)
            {
                array["minItems"] = dimension;
                array["maxItems"] = dimension;
            }

            item = array;
        }

        return new JsonObject
        {
            ["type"] = "array",
            ["description"] = PredictionInputs.Describe(spec),
            ["items"] = item,
        };
    }

    /// <summary>A number (null for a missing value in requests), or the name of NaN or an infinity.</summary>
    private static JsonObject FloatingPoint(string format) => new()
    {
        ["anyOf"] = new JsonArray(
            new JsonObject { ["type"] = "number", ["format"] = format, ["nullable"] = true },
            new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. NamedFloats.Names.Select(n => (JsonNode)JsonValue.Create(n))]) }),
    };

    private static JsonObject Scalar(string type) => type switch
    {
        TensorTypes.OnnxFloat => FloatingPoint("float"),
        TensorTypes.OnnxDouble => FloatingPoint("double"),
        TensorTypes.OnnxInt64 => new JsonObject { ["type"] = "integer", ["format"] = "int64" },
        TensorTypes.OnnxInt32 or "uint32" or "int16" or "uint16" or "uint8" or "int8" => new JsonObject { ["type"] = "integer", ["format"] = "int32" },
        "uint64" => new JsonObject { ["type"] = "integer" },
        TensorTypes.OnnxBool => new JsonObject { ["type"] = "boolean" },
        TensorTypes.OnnxString => new JsonObject { ["type"] = "string" },
        _ => new JsonObject(),
    };
}
