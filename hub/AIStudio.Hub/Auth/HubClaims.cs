namespace AIStudio.Hub.Auth;

/// <summary>The claims the hub's authentication schemes put on a principal, beside the name and the user id.</summary>
public static class HubClaims
{
    /// <summary>The id of the API token the request came with.</summary>
    public const string TokenId = "aistudio:token_id";

    /// <summary>The scopes the token is limited to, space-separated (absent: all of the owner's).</summary>
    public const string TokenScopes = "aistudio:token_scopes";
}
