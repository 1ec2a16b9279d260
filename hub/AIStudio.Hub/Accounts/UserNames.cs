using System.Text.RegularExpressions;

namespace AIStudio.Hub.Accounts;

/// <summary>
/// User and organization names: lower case (as JupyterHub normalises them), starting with a letter or digit, at most 64
/// characters of letters, digits and <c>. _ - @ +</c> for users, <c>-</c> for organizations.
/// </summary>
public static partial class UserNames
{
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant();
    }

    public static bool IsValidUser(string name) => UserPattern().IsMatch(name);

    public static bool IsValidOrganization(string slug) => OrganizationPattern().IsMatch(slug);

    /// <summary>The slug of a user's personal organization: <c>~name</c>, a name no other organization can take.</summary>
    public static string PersonalOrganization(string userName) => "~" + userName;

    [GeneratedRegex("^[a-z0-9][a-z0-9._@+-]{0,63}$")]
    private static partial Regex UserPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex OrganizationPattern();
}
