using System.Text.Json;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.ModelEndpoints;

namespace AIStudio.Hub.Agents;

/// <summary>
/// The body of <c>POST /hub/api/usage/agents</c>, checked: whole token counts from 0 to <see cref="MaxTokens"/>, a cost
/// from 0 to <see cref="MaxCostUsd"/>, 1 to <see cref="MaxAgents"/> agents; a 400 names the field.
/// </summary>
public sealed record AgentUsageReport(string? Endpoint, string Model, long InputTokens, long OutputTokens, double CostUsd, int Agents, bool Orchestration)
{
    /// <summary>More tokens than any model's context and output together, many times over: not a real report.</summary>
    public const long MaxTokens = 100_000_000;

    public const double MaxCostUsd = 100_000;

    public const int MaxAgents = 1_000;

    private const int MaxNameLength = 200;

    public static AgentUsageReport Parse(JsonElement? body)
    {
        if (body is null)
        {
            throw Bad("Send the usage as a JSON object: {\"endpoint\", \"model\", \"input_tokens\", \"output_tokens\", \"cost_usd\", \"agents\", \"orchestration\"}.");
        }

        var endpoint = body.GetString("endpoint") is { Length: > 0 } named ? Name(named, "endpoint") : null;
        var model = body.GetString("model") is { } text && text.Trim().Length > 0
            ? Name(text, "model")
            : throw Bad("'model' is required: the model the agents called.");
        var input = Whole(body, "input_tokens", 0, MaxTokens) ?? throw Bad("'input_tokens' is required: a whole number of tokens ≥ 0.");
        var output = Whole(body, "output_tokens", 0, MaxTokens) ?? throw Bad("'output_tokens' is required: a whole number of tokens ≥ 0.");
        var cost = Number(body, "cost_usd") ?? 0;
        if (cost is < 0 or > MaxCostUsd)
        {
            throw Bad($"'cost_usd' must be a number of US dollars from 0 to {MaxCostUsd:0}.");
        }

        var agents = Whole(body, "agents", 1, MaxAgents) ?? 1;
        return new AgentUsageReport(endpoint, model, input, output, cost, (int)agents, body.GetBool("orchestration") ?? false);
    }

    private static string Name(string text, string field)
    {
        var trimmed = text.Trim();
        return trimmed.Length > MaxNameLength || ModelEndpointText.HasControl(trimmed)
            ? throw Bad($"'{field}' must be at most {MaxNameLength} characters, without control characters.")
            : trimmed;
    }

    private static long? Whole(JsonElement? body, string field, long min, long max)
    {
        if (Number(body, field) is not { } value)
        {
            return null;
        }

        return value >= min && value <= max && Math.Floor(value) == value
            ? (long)value
            : throw Bad($"'{field}' must be a whole number from {min} to {max}.");
    }

    private static double? Number(JsonElement? body, string field) => body.GetNumber(field);

    private static HubApiException Bad(string message) => new(StatusCodes.Status400BadRequest, message);
}
