using System.Security.Cryptography;
using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Plans;
using AIStudio.Hub.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Accounts;

/// <summary>
/// Brings the database up to date at start (migrations), makes the first administrator on an empty database (the
/// password from configuration or generated and printed once), and provisions <c>AISTUDIO_ADMIN_TOKEN</c> as an API token
/// of that administrator, replacing the one provisioned before (as JupyterHub's service tokens).
/// </summary>
public sealed partial class HubSeeder(IServiceProvider services, HubOptions options, DatabaseSchema schema, ILogger<HubSeeder> logger)
{
    /// <summary>The note that marks the token provisioned from the environment.</summary>
    public const string ProvisionedTokenNote = "provisioned from " + HubOptions.AdminTokenKey;

    private readonly Lock _gate = new();
    private Task? _completion;

    /// <summary>The seeding started by <see cref="Start"/>: requests wait for it (<see cref="Hosting.DatabaseReadiness"/>).</summary>
    public Task Completion => _completion ?? throw new InvalidOperationException("The hub's database seeding has not been started (UseHub starts it).");

    /// <summary>
    /// Starts migrating and seeding in the background, once, so that it overlaps the rest of the hub's start (hosted
    /// services, Kestrel, the first request's JIT) instead of preceding it.
    /// </summary>
    public Task Start()
    {
        lock (_gate)
        {
            return _completion ??= Task.Run(() => SeedAsync(CancellationToken.None));
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            // EF Core's migrator only where the schema's own check (DatabaseSchema) could not settle it, and only when a
            // migration is pending: MigrateAsync on an up-to-date database still builds the migrations' models.
            if (!await schema.UpToDate.ConfigureAwait(false) && (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Any())
            {
                await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }

            // A database the schema check has just made holds no account: no query to find that out.
            var created = await schema.Created.ConfigureAwait(false);
            var admin = created ? null : await db.Users.FirstOrDefaultAsync(u => u.IsAdmin, cancellationToken).ConfigureAwait(false);
            string? generatedPassword = null;
            string? generatedToken = null;
            if (admin is null)
            {
                var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
                generatedPassword = options.AdminPassword is null ? NewPassword() : null;
                var password = options.AdminPassword ?? generatedPassword;
                admin = created
                    ? await accounts.CreateFirstAsync(options.AdminUser, password, isAdmin: true, PlanCatalog.Enterprise, cancellationToken).ConfigureAwait(false)
                    : await accounts.CreateAsync(options.AdminUser, password, null, isAdmin: true, plan: PlanCatalog.Enterprise, cancellationToken: cancellationToken).ConfigureAwait(false);
                LogAdminCreated(logger, admin.UserName!);
                if (options.AdminToken is null)
                {
                    generatedToken = TokenHashing.NewToken();
                    AddToken(db, admin.Id, generatedToken, "made at first start");
                }
            }

            if (options.AdminToken is { } provisioned && created)
            {
                // A database just made holds no token to replace.
                AddToken(db, admin.Id, provisioned, ProvisionedTokenNote);
            }
            else if (options.AdminToken is { } configured)
            {
                var hash = TokenHashing.Hash(configured);
                await db.ApiTokens.Where(t => t.Note == ProvisionedTokenNote && t.Hash != hash).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                var existing = await db.ApiTokens.FirstOrDefaultAsync(t => t.Hash == hash, cancellationToken).ConfigureAwait(false);
                if (existing is null)
                {
                    AddToken(db, admin.Id, configured, ProvisionedTokenNote);
                }
                else if (existing.UserId != admin.Id)
                {
                    throw new InvalidOperationException($"{HubOptions.AdminTokenKey} is already the token of another user; choose another value.");
                }
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (generatedPassword is not null || generatedToken is not null)
            {
                // Printed once, on the console only: the hub keeps hashes, never these values.
                Console.WriteLine("AI Studio: first start, administrator account created (shown once).");
                Console.WriteLine($"  user:      {admin.UserName}");
                Console.WriteLine(generatedPassword is null ? "  password:  (from AISTUDIO_ADMIN_PASSWORD)" : $"  password:  {generatedPassword}");
                if (generatedToken is not null)
                {
                    Console.WriteLine($"  API token: {generatedToken}   (set {HubOptions.AdminTokenKey} to choose your own)");
                }
            }
        }
    }

    private void AddToken(HubDbContext db, string userId, string token, string note) => db.ApiTokens.Add(new ApiToken
    {
        UserId = userId,
        Hash = TokenHashing.Hash(token),
        Prefix = TokenHashing.Prefix(token),
        Note = note,
        CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
    });

    /// <summary>20 characters from letters and digits (about 119 bits).</summary>
    private static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the administrator account {User} on an empty database.")]
    private static partial void LogAdminCreated(ILogger logger, string user);
}
