namespace AIStudio.Hub.ModelEndpoints;

/// <summary>Whose an endpoint is, as the API writes it: <c>user</c> (the caller's own) or <c>org</c> (an organization's).</summary>
public static class ModelEndpointScopes
{
    public const string User = "user";
    public const string Organization = "org";
}
