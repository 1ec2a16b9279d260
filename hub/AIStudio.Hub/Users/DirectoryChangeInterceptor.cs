using AIStudio.Hub.Accounts;
using AIStudio.Hub.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AIStudio.Hub.Users;

/// <summary>Marks the <see cref="DirectorySnapshot"/> stale when a save touches users, organizations, memberships or groups.</summary>
public sealed class DirectoryChangeInterceptor(DirectorySnapshot snapshot) : SaveChangesInterceptor
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Before(eventData);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Before(eventData);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        After(eventData);
        return base.SavedChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        After(eventData);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    // Before the save (so no reader loads the old state after it and keeps it) and after it (so that a reload which ran
    // during the save is not kept either).
    private void Before(DbContextEventData eventData)
    {
        if (eventData.Context is { } context && context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is HubUser or Organization or Membership or Group or GroupMember))
        {
            snapshot.Invalidate();
            _saving.AddOrUpdate(context, this);
        }
    }

    private void After(DbContextEventData eventData)
    {
        if (eventData.Context is { } context && _saving.Remove(context))
        {
            snapshot.Invalidate();
        }
    }
}
