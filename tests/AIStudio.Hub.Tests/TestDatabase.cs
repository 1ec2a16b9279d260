using Npgsql;

namespace AIStudio.Hub.Tests;

/// <summary>
/// The database the hub tests run on: SQLite unless <c>AISTUDIO_TEST_DB=postgres</c>, in which case
/// <c>AISTUDIO_TEST_POSTGRES</c> must name a PostgreSQL server (the test command starts one with tests/postgres/start.sh).
/// </summary>
public static class TestDatabase
{
    public static string? PostgresServer
    {
        get
        {
            if (!string.Equals(Environment.GetEnvironmentVariable("AISTUDIO_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return Environment.GetEnvironmentVariable("AISTUDIO_TEST_POSTGRES") is { Length: > 0 } server
                ? server
                : throw new InvalidOperationException("AISTUDIO_TEST_DB=postgres needs AISTUDIO_TEST_POSTGRES, a connection string to the server (see tests/postgres/start.sh).");
        }
    }

    public static string WithDatabase(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    public static async Task DropAsync(string server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(WithDatabase(server, "postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
