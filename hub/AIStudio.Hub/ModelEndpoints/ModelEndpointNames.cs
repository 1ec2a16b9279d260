using System.Text.RegularExpressions;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.ModelEndpoints;

/// <summary>What a model endpoint may be called: lower-case letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, starting with a letter or digit, up to 64.</summary>
public static partial class ModelEndpointNames
{
    public const int MaxLength = 64;

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The name, or a 400 naming the field and what a name may hold.</summary>
    public static string Require(string? name, string field = "name")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"'{field}' is required: a name for the endpoint such as gpt-4o or local-llama.");
        }

        return IsValid(name)
            ? name
            : throw new HubApiException(StatusCodes.Status400BadRequest,
                $"'{field}' must be lower-case letters, digits, '-', '_' or '.', starting with a letter or digit, at most {MaxLength} characters (e.g. gpt-4o): got '{ModelEndpointText.Shorten(name)}'.");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex Pattern();
}
