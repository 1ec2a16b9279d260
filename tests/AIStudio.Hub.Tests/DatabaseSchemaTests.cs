using AIStudio.Hub.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace AIStudio.Hub.Tests;

/// <summary>
/// The hub's own schema check at start (<see cref="DatabaseSchema"/>): it reads the migrations from metadata as EF Core finds
/// them, makes an empty SQLite database exactly as EF Core's migrator does, and leaves every other case to the migrator.
/// </summary>
public sealed class DatabaseSchemaTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aistudio-schema-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_SQLite_script_is_the_one_EF_Core_writes_for_the_migrations()
    {
        using var db = Sqlite("unused.db");
        var expected = Normalize(db.GetService<IMigrator>().GenerateScript());
        var actual = Normalize(DatabaseSchema.SqliteScript() ?? "(no embedded script)");
        Assert.True(expected == actual,
            "Data/Migrations/Sqlite/Schema.sql is out of date: regenerate it (README, \"Changing the database model\").");
        Assert.Equal(db.Database.GetMigrations(), DatabaseSchema.ScriptMigrations(actual));
    }

    [Fact]
    public void Migrations_read_from_metadata_are_the_ones_EF_Core_finds()
    {
        using var sqlite = Sqlite("unused.db");
        using var postgres = new PostgresHubDbContext(new DbContextOptionsBuilder<PostgresHubDbContext>().UseNpgsql("Host=unused").Options);
        Assert.Equal(sqlite.Database.GetMigrations(), MigrationIds.Of(typeof(SqliteHubDbContext)));
        Assert.Equal(postgres.Database.GetMigrations(), MigrationIds.Of(typeof(PostgresHubDbContext)));
        Assert.NotEqual(MigrationIds.Of(typeof(SqliteHubDbContext)), MigrationIds.Of(typeof(PostgresHubDbContext)));
    }

    [Fact]
    public async Task An_empty_SQLite_database_is_made_as_EF_Cores_migrator_makes_it()
    {
        Assert.True(await Check("script.db"));

        using (var migrated = Sqlite("migrated.db"))
        {
            await migrated.Database.MigrateAsync();
        }

        Assert.Equal(Schema("migrated.db"), Schema("script.db"));
        using var made = Sqlite("script.db");
        Assert.Equal(made.Database.GetMigrations(), await made.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await made.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task An_up_to_date_database_is_left_as_it_is_and_one_missing_a_migration_goes_to_EF_Core()
    {
        var made = Checker("hub.db");
        Assert.True(await made.UpToDate);
        // Made just now: the seeder knows there is no account without asking.
        Assert.True(await made.Created);
        Execute("hub.db", "INSERT INTO \"Organizations\" (\"Id\", \"Slug\", \"Name\", \"IsPersonal\", \"Plan\", \"CreatedAt\") VALUES ('o1', 'kept', 'Kept', 0, 'free', 0)");
        var before = Schema("hub.db");

        var found = Checker("hub.db");
        Assert.True(await found.UpToDate);
        Assert.False(await found.Created);
        Assert.Equal(before, Schema("hub.db"));

        var last = MigrationIds.Of(typeof(SqliteHubDbContext))![^1];
        Execute("hub.db", $"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '{last}'");
        Assert.False(await Check("hub.db"));
        using var db = Sqlite("hub.db");
        Assert.Equal([last], await db.Database.GetPendingMigrationsAsync());
        Assert.Equal("Kept", Scalar("hub.db", "SELECT \"Name\" FROM \"Organizations\" WHERE \"Id\" = 'o1'"));
    }

    [Fact]
    public async Task The_hubs_own_database_is_found_up_to_date_on_the_provider_under_test()
    {
        var hub = new HubFixture();
        try
        {
            await hub.InitializeAsync();
            var database = hub.Services.GetRequiredService<DatabaseOptions>();
            Assert.Equal(hub.Database, database.Provider);
            Assert.True(await new DatabaseSchema(database).UpToDate);
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_SQLite_database_made_or_found_is_put_in_write_ahead_log_mode()
    {
        Assert.True(await Check("new.db"));
        Assert.Equal("wal", Scalar("new.db", "PRAGMA journal_mode"));

        // A database an older hub made (rollback journal) is switched, and stays up to date with its rows.
        Assert.True(await Check("old.db"));
        Execute("old.db", "PRAGMA journal_mode = DELETE");
        Execute("old.db", "INSERT INTO \"Organizations\" (\"Id\", \"Slug\", \"Name\", \"IsPersonal\", \"Plan\", \"CreatedAt\") VALUES ('o1', 'kept', 'Kept', 0, 'free', 0)");
        Assert.Equal("delete", Scalar("old.db", "PRAGMA journal_mode"));
        Assert.True(await Check("old.db"));
        Assert.Equal("wal", Scalar("old.db", "PRAGMA journal_mode"));
        Assert.Equal("Kept", Scalar("old.db", "SELECT \"Name\" FROM \"Organizations\" WHERE \"Id\" = 'o1'"));
    }

    [Fact]
    public async Task A_database_with_other_tables_is_not_scripted_over()
    {
        Execute("other.db", "CREATE TABLE notes (body TEXT)");
        Assert.False(await Check("other.db"));
        Assert.Equal(["table notes"], Schema("other.db").Select(row => string.Join(' ', row.Split(' ').Take(2))));
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_goes_to_EF_Core()
    {
        File.WriteAllText(Path.Combine(_directory, "broken.db"), "not a database, but a text file of some length to be sure");
        Assert.False(await Check("broken.db"));
        Assert.StartsWith("not a database", File.ReadAllText(Path.Combine(_directory, "broken.db")), StringComparison.Ordinal);
    }

    private Task<bool> Check(string file) => Checker(file).UpToDate;

    private DatabaseSchema Checker(string file) => new(new DatabaseOptions(DatabaseProvider.Sqlite, ConnectionString(file)));

    private SqliteHubDbContext Sqlite(string file) =>
        new(new DbContextOptionsBuilder<SqliteHubDbContext>().UseSqlite(ConnectionString(file)).Options);

    /// <summary>Unpooled, so that the files can be deleted without clearing the pools of the hubs other tests run.</summary>
    private string ConnectionString(string file) => $"Data Source={Path.Combine(_directory, file)};Pooling=False";

    /// <summary>Tables, indexes and their SQL, and the migrations recorded (EF Core's migration lock table aside).</summary>
    private List<string> Schema(string file)
    {
        using var connection = new SqliteConnection(ConnectionString(file));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, sql FROM sqlite_master WHERE name <> '__EFMigrationsLock' ORDER BY type, name";
        var rows = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {(reader.IsDBNull(2) ? "" : reader.GetString(2))}");
            }
        }

        if (rows.Any(row => row.StartsWith("table __EFMigrationsHistory ", StringComparison.Ordinal)))
        {
            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add("migration " + reader.GetString(0));
            }
        }

        return rows;
    }

    private void Execute(string file, string sql)
    {
        using var connection = new SqliteConnection(ConnectionString(file));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string file, string sql)
    {
        using var connection = new SqliteConnection(ConnectionString(file));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static string Normalize(string script) => script.Trim('\uFEFF').ReplaceLineEndings("\n").Trim();
}
