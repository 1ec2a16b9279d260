using System.Text.RegularExpressions;
using AIStudio.Hub.Hosting;

namespace AIStudio.Hub.Datasets;

/// <summary>What a dataset may be called: lower-case letters, digits and hyphens, starting with a letter or digit, up to 64.</summary>
public static partial class DatasetNames
{
    public const int MaxLength = 64;

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The name, or a 400 that says what a name may hold.</summary>
    public static string Require(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, "The dataset needs a name: send it as the form field 'name' (e.g. name=survey-2026).");
        }

        return IsValid(name)
            ? name
            : throw new HubApiException(StatusCodes.Status400BadRequest,
                $"'{Shorten(name)}' is not a usable dataset name: use lower-case letters, digits and hyphens, starting with a letter or digit, at most {MaxLength} characters (e.g. survey-2026).");
    }

    private static string Shorten(string name) => name.Length <= 80 ? name : name[..80] + "…";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex Pattern();
}
