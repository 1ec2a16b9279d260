using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AIStudio.Hub.Data;

/// <summary>
/// Checks the database's schema as the hub starts, without EF Core's migrator where it can, which costs most of a second
/// before the first request: it finds the migrations by loading every type of the hub's assembly, builds a model of its
/// history table, and builds each migration's target model. Here instead:
/// <list type="bullet">
/// <item>a database that has every migration (<see cref="MigrationIds"/>) in its history table is up to date (one query);</item>
/// <item>an empty SQLite database is made in one transaction by <c>Data/Migrations/Sqlite/Schema.sql</c>, the script
/// <c>dotnet ef migrations script</c> writes for the same migrations (history rows included; a test fails when it is out
/// of date, and a script that names other migrations is not used).</item>
/// </list>
/// A SQLite database is also put in write-ahead-log mode (<see cref="UseWriteAheadLog"/>).
/// Anything else (a pending migration, an empty PostgreSQL database, which several hubs may migrate at once, an error) is
/// left to EF Core's migrator (<see cref="UpToDate"/> is false).
/// </summary>
public sealed partial class DatabaseSchema
{
    /// <summary>The embedded script's resource name.</summary>
    public const string SqliteScriptResource = "AIStudio.Hub.Data.Migrations.Sqlite.Schema.sql";

    private const string HistoryTable = "__EFMigrationsHistory";

    /// <summary>Starts the check at once, beside the rest of the hub's start.</summary>
    public DatabaseSchema(DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var check = Task.Run(() => Check(database));
        UpToDate = check.ContinueWith(t => t.Result != Outcome.Migrator, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Created = check.ContinueWith(t => t.Result == Outcome.Created, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private enum Outcome
    {
        /// <summary>EF Core's migrator must run.</summary>
        Migrator,

        /// <summary>The schema was found up to date.</summary>
        UpToDate,

        /// <summary>The database was empty and this check made its schema: it holds no row but the migrations' history.</summary>
        Created,
    }

    /// <summary>True when the schema is up to date (found so, or just made); false when EF Core's migrator must run.</summary>
    public Task<bool> UpToDate { get; }

    /// <summary>True when the database was empty and this check made it: no account exists yet.</summary>
    public Task<bool> Created { get; }

    private static Outcome Check(DatabaseOptions database)
    {
        try
        {
            var sqlite = database.Provider == DatabaseProvider.Sqlite;
            var migrations = MigrationIds.Of(sqlite ? typeof(SqliteHubDbContext) : typeof(PostgresHubDbContext));
            return migrations is null ? Outcome.Migrator
                : sqlite ? CheckSqlite(database.ConnectionString, migrations) : CheckPostgres(database.ConnectionString, migrations);
        }
        catch (Exception e) when (e is DbException or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            // EF Core's migrator meets the same database next, and reports what is wrong with it.
            return Outcome.Migrator;
        }
    }

    private static Outcome CheckSqlite(string connectionString, IReadOnlyList<string> migrations)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        UseWriteAheadLog(connection);
        if (Scalar(connection, null, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{HistoryTable}'") is > 0L)
        {
            return HasAll(connection, migrations);
        }

        var script = SqliteScript();
        if (script is null || !ScriptMigrations(script).SequenceEqual(migrations, StringComparer.Ordinal))
        {
            return Outcome.Migrator;
        }

        // BEGIN IMMEDIATE: no other connection makes tables between the emptiness check and the script.
        using var transaction = connection.BeginTransaction();
        if (Scalar(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table'") is not 0L)
        {
            return Outcome.Migrator;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = WithoutTransactions(script);
        command.ExecuteNonQuery();
        transaction.Commit();
        return Outcome.Created;
    }

    /// <summary>
    /// Puts the database in write-ahead-log mode (kept in the file, so once is enough; a database made by an older hub is
    /// switched on its next start). In SQLite's default rollback-journal mode a reader holds up a writer's commit and a
    /// writer waiting to commit holds up new readers, each until the busy timeout, which ends in "database is locked";
    /// in WAL mode readers neither wait for nor hold up the one writer, and a commit writes the log once instead of a
    /// journal and the database. (A database in memory answers "memory" and stays so.)
    /// </summary>
    private static void UseWriteAheadLog(SqliteConnection connection) =>
        Scalar(connection, null, "PRAGMA journal_mode = WAL");

    private static Outcome CheckPostgres(string connectionString, IReadOnlyList<string> migrations)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return Scalar(connection, null, $"SELECT to_regclass('\"{HistoryTable}\"') IS NOT NULL") is true ? HasAll(connection, migrations) : Outcome.Migrator;
    }

    private static Outcome HasAll(DbConnection connection, IReadOnlyList<string> migrations)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryTable}\"";
        var applied = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                applied.Add(reader.GetString(0));
            }
        }

        return migrations.All(applied.Contains) ? Outcome.UpToDate : Outcome.Migrator;
    }

    private static object? Scalar(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The embedded SQLite script, or null where it is missing.</summary>
    public static string? SqliteScript()
    {
        using var stream = typeof(DatabaseSchema).Assembly.GetManifestResourceStream(SqliteScriptResource);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The migrations a script records in the history table, in its order.</summary>
    public static IReadOnlyList<string> ScriptMigrations(string script) =>
        [.. HistoryInsert().Matches(script).Select(m => m.Groups["id"].Value)];

    /// <summary>
    /// The script without its per-migration <c>BEGIN TRANSACTION;</c> / <c>COMMIT;</c> lines: it runs whole in one
    /// transaction, so that a database is made entirely or not at all.
    /// </summary>
    private static string WithoutTransactions(string script) =>
        string.Join('\n', script.Split('\n').Where(line => line.TrimEnd() is not ("BEGIN TRANSACTION;" or "COMMIT;")));

    [GeneratedRegex("""INSERT INTO "__EFMigrationsHistory" \("MigrationId", "ProductVersion"\)\s+VALUES \('(?<id>[^']+)',""")]
    private static partial Regex HistoryInsert();
}
