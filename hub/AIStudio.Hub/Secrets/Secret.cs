namespace AIStudio.Hub.Secrets;

/// <summary>
/// A value the hub keeps for a user or an organization and hands back to them (a model endpoint's API key): stored only as
/// the ciphertext ASP.NET Core Data Protection made of it (<see cref="SecretStore"/>), under a purpose of its use and of
/// this row, so a ciphertext copied to another row or use does not decrypt. Goes with its user or organization.
/// </summary>
public sealed class Secret
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>What the secret is for (<see cref="SecretPurposes"/>); part of the Data Protection purpose.</summary>
    public required string Purpose { get; set; }

    /// <summary>The protected value (Data Protection's base64url payload); never the value itself.</summary>
    public required string Ciphertext { get; set; }

    /// <summary>The user it belongs to; null when it belongs to an organization.</summary>
    public string? OwnerId { get; set; }

    /// <summary>The organization it belongs to; null when it belongs to a user.</summary>
    public string? OrganizationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
