using System.Text.RegularExpressions;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Deployments;

/// <summary>What a deployment may be called: as a dataset (lower-case letters, digits and hyphens, starting with a letter or digit, up to 64), but not <c>metrics</c>.</summary>
public static partial class DeploymentNames
{
    public const int MaxLength = 64;

    /// <summary>Taken by <c>/hub/api/deployments/metrics</c> (the Prometheus text).</summary>
    public const string Reserved = "metrics";

    public static bool IsValid(string? name) => name is not null && name != Reserved && Pattern().IsMatch(name);

    /// <summary>The name, or a 400 that says what a name may hold.</summary>
    public static string Require(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "The deployment needs a name (e.g. POST /hub/api/deployments/house-prices/versions).");
        }

        if (name == Reserved)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, $"'{Reserved}' is reserved (/hub/api/deployments/{Reserved} serves the Prometheus metrics): choose another name.");
        }

        return IsValid(name)
            ? name
            : throw new HubApiException(StatusCodes.Status400BadRequest,
                $"'{Shorten(name)}' is not a usable deployment name: use lower-case letters, digits and hyphens, starting with a letter or digit, at most {MaxLength} characters (e.g. house-prices).");
    }

    private static string Shorten(string name) => name.Length <= 80 ? name : name[..80] + "…";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex Pattern();
}
