namespace AIStudio.Hub.Kernels;

/// <summary>
/// What a kernel gets to call the hub as its user: the hub's address, a token (never logged: this type's text shows
/// only the token's id) and the token's id, to revoke it when the kernel stops.
/// </summary>
public sealed class KernelHubAccess(Uri hub, string token, string tokenId)
{
    public Uri Hub { get; } = hub;

    internal string Token { get; } = token;

    public string TokenId { get; } = tokenId;

    public override string ToString() => $"{Hub} (token {TokenId})";
}
