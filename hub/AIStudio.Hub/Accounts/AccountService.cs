using AIStudio.Hub.Data;
using AIStudio.Hub.Hosting;
using AIStudio.Hub.Organizations;
using AIStudio.Hub.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Accounts;

/// <summary>Creates and deletes accounts: the Identity user, and either a personal organization or a membership in the one given.</summary>
public sealed class AccountService(HubDbContext db, UserManager<HubUser> users, TimeProvider time)
{
    /// <summary>
    /// Creates a user. Without <paramref name="organizationId"/> the user gets a personal organization (owner, Free plan
    /// unless <paramref name="plan"/> says otherwise); with one, they join it with <paramref name="role"/> and count against its plan.
    /// A null password makes an account that signs in with API tokens only (as users created through JupyterHub's API).
    /// </summary>
    public Task<HubUser> CreateAsync(string name, string? password, string? email, bool isAdmin, string? organizationId = null,
        OrganizationRole role = OrganizationRole.Member, string plan = PlanCatalog.Free, CancellationToken cancellationToken = default) =>
        CreateAsync(name, password, email, isAdmin, organizationId, role, plan, emptyDatabase: false, cancellationToken);

    /// <summary>
    /// Creates the first account of a database that holds none (the administrator a first start makes, on the database the
    /// schema check has just made), with a personal organization on <paramref name="plan"/>: as <see cref="CreateAsync(string, string?, string?, bool, string?, OrganizationRole, string, CancellationToken)"/>,
    /// but with no look-up of the name, which no account can hold yet: that look-up (once here, once in Identity's user
    /// validator) was the first LINQ query EF Core compiled, ~0.15 s of CPU on the path of a first start.
    /// </summary>
    public Task<HubUser> CreateFirstAsync(string name, string? password, bool isAdmin, string plan, CancellationToken cancellationToken = default) =>
        CreateAsync(name, password, null, isAdmin, null, OrganizationRole.Owner, plan, emptyDatabase: true, cancellationToken);

    private async Task<HubUser> CreateAsync(string name, string? password, string? email, bool isAdmin, string? organizationId,
        OrganizationRole role, string plan, bool emptyDatabase, CancellationToken cancellationToken)
    {
        name = UserNames.Normalize(name);
        if (!UserNames.IsValidUser(name))
        {
            throw new HubApiException(StatusCodes.Status400BadRequest,
                $"Invalid user name '{name}': use 1-64 lower-case letters, digits and . _ - @ +, starting with a letter or digit.");
        }

        var now = time.GetUtcNow();
        var user = new HubUser { UserName = name, Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(), IsAdmin = isAdmin, CreatedAt = now };
        // The password is checked as Identity checks it, then hashed (PBKDF2, ~0.1 s of CPU) beside the look-up of the name
        // rather than after it: the first administrator's creation is on the path of the hub's first start.
        var passwordErrors = password is null ? [] : await PasswordErrorsAsync(user, password).ConfigureAwait(false);
        var hashing = password is null || passwordErrors.Count > 0 ? null : Task.Run(() => users.PasswordHasher.HashPassword(user, password));
        if (!emptyDatabase && await users.FindByNameAsync(name).ConfigureAwait(false) is not null)
        {
            throw new HubApiException(StatusCodes.Status409Conflict, $"User {name} already exists.");
        }

        if (passwordErrors.Count > 0)
        {
            throw new HubApiException(StatusCodes.Status400BadRequest, string.Join(" ", passwordErrors.Select(e => e.Description)));
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                Organization? personal = null;
                if (organizationId is null)
                {
                    personal = new Organization { Slug = UserNames.PersonalOrganization(name), Name = name, IsPersonal = true, Plan = plan, CreatedAt = now };
                    db.Organizations.Add(personal);
                    user.PrimaryOrganizationId = personal.Id;
                }
                else
                {
                    user.PrimaryOrganizationId = organizationId;
                }

                // What UserManager.CreateAsync(user, password) does, with the hash made ahead: the password's hash set, then
                // the user validated, stamped and stored.
                user.PasswordHash = hashing is null ? null : await hashing.ConfigureAwait(false);
                if (emptyDatabase)
                {
                    AddFirst(user);
                }
                else
                {
                    var created = await users.CreateAsync(user).ConfigureAwait(false);
                    if (!created.Succeeded)
                    {
                        throw new HubApiException(StatusCodes.Status400BadRequest, string.Join(" ", created.Errors.Select(e => e.Description)));
                    }
                }

                db.Memberships.Add(new Membership
                {
                    OrganizationId = user.PrimaryOrganizationId,
                    UserId = user.Id,
                    Role = personal is null ? role : OrganizationRole.Owner,
                    JoinedAt = now,
                });
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return user;
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// What UserManager.CreateAsync does to a new user but validate it (its validator's checks: the name's characters, which
    /// <see cref="UserNames.IsValidUser"/> has checked, and that no other account holds the name, which none can): a
    /// security stamp, lockout as configured for new users, the normalized name and e-mail; the user is saved with the
    /// organization and membership.
    /// </summary>
    private void AddFirst(HubUser user)
    {
        user.SecurityStamp = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        user.LockoutEnabled = users.Options.Lockout.AllowedForNewUsers;
        user.NormalizedUserName = users.NormalizeName(user.UserName);
        user.NormalizedEmail = users.NormalizeEmail(user.Email);
        db.Users.Add(user);
    }

    /// <summary>What Identity's password validators find wrong with the password (length and kinds of characters, as configured).</summary>
    private async Task<List<IdentityError>> PasswordErrorsAsync(HubUser user, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password).ConfigureAwait(false);
            errors.AddRange(result.Errors);
        }

        return errors;
    }

    /// <summary>Deletes the user, their memberships, group places and tokens (cascade), and their personal organization.</summary>
    public async Task DeleteAsync(HubUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var personal = UserNames.PersonalOrganization(user.UserName!);
        var result = await users.DeleteAsync(user).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new HubApiException(StatusCodes.Status500InternalServerError, string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await db.Organizations.Where(o => o.Slug == personal && o.IsPersonal).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
