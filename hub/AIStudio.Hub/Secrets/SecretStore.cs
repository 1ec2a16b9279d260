using System.Security.Cryptography;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Secrets;

/// <summary>
/// The hub's secret store: values encrypted at rest with ASP.NET Core Data Protection (the hub's key ring, kept under the
/// data directory) and stored in the database as ciphertext only. Each secret is protected under the purpose
/// <c>AIStudio.Hub.Secrets / {use} / {secret id}</c>. Secrets are added, replaced and removed in the caller's unit of work
/// (saved with its <see cref="HubDbContext.SaveChangesAsync(CancellationToken)"/>); values are never logged.
/// </summary>
public sealed class SecretStore(HubDbContext db, IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>The root purpose of every secret's protector.</summary>
    public const string RootPurpose = "AIStudio.Hub.Secrets";

    /// <summary>The longest value kept (an API key, a connection string); longer ones are refused by the callers.</summary>
    public const int MaxValueLength = 8192;

    /// <summary>A new secret for a user (<paramref name="ownerId"/>) or an organization, added to the unit of work.</summary>
    public Secret Add(string purpose, string? ownerId, string? organizationId, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentException.ThrowIfNullOrEmpty(value);
        if ((ownerId is null) == (organizationId is null))
        {
            throw new ArgumentException("A secret belongs to one user or one organization.", nameof(ownerId));
        }

        var now = time.GetUtcNow();
        var secret = new Secret { Purpose = purpose, Ciphertext = "", OwnerId = ownerId, OrganizationId = organizationId, CreatedAt = now, UpdatedAt = now };
        secret.Ciphertext = Protector(secret).Protect(value);
        db.Secrets.Add(secret);
        return secret;
    }

    /// <summary>Replaces the value of a secret tracked by the unit of work.</summary>
    public void Replace(Secret secret, string value)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentException.ThrowIfNullOrEmpty(value);
        secret.Ciphertext = Protector(secret).Protect(value);
        secret.UpdatedAt = time.GetUtcNow();
    }

    /// <summary>The secret, tracked (to replace or remove it); null when there is none with that id.</summary>
    public async Task<Secret?> FindAsync(string? id, CancellationToken cancellationToken) =>
        id is null ? null : await db.Secrets.FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);

    /// <summary>Removes the secret with the unit of work; nothing when there is none.</summary>
    public async Task RemoveAsync(string? id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken).ConfigureAwait(false) is { } secret)
        {
            db.Secrets.Remove(secret);
        }
    }

    /// <summary>
    /// The value of the secret with that id (null when there is none). A ciphertext the key ring can no longer open (its
    /// keys were lost or the ring replaced) is a 500 that says to set the value again, never the ciphertext.
    /// </summary>
    public async Task<string?> RevealAsync(string? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return null;
        }

        var secret = await db.Secrets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            return null;
        }

        try
        {
            return Protector(secret).Unprotect(secret.Ciphertext);
        }
        catch (CryptographicException e)
        {
            throw new HubApiException(StatusCodes.Status500InternalServerError,
                "The hub can no longer decrypt this secret (its Data Protection keys under the data directory changed): set it again.", e);
        }
    }

    private IDataProtector Protector(Secret secret) => protection.CreateProtector(RootPurpose, secret.Purpose, secret.Id);
}
