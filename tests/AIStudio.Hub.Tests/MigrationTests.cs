using AIStudio.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace AIStudio.Hub.Tests;

/// <summary>
/// Every model change has its migration, on both providers. The hub skips this check when it migrates at start (it builds
/// the whole design-time model, most of a fresh start), so the build makes it here instead.
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_SQLite_migrations_hold_the_whole_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes no SQLite migration holds: add one (README, 'Changing the database model').");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void The_PostgreSQL_migrations_hold_the_whole_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes no PostgreSQL migration holds: add one (README, 'Changing the database model').");
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
