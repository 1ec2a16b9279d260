namespace AIStudio.Hub.Data;

/// <summary>
/// The database from configuration: <c>Database:Provider</c> (<c>sqlite</c>, the default, or <c>postgres</c>) and the
/// connection string <c>ConnectionStrings:Hub</c> (for SQLite it defaults to <c>hub.db</c> in the data directory).
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringName = "Hub";

    public static DatabaseOptions FromConfiguration(IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration[ProviderKey]?.Trim().ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException($"{ProviderKey} is '{other}': use 'sqlite' or 'postgres'."),
        };
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? $"Data Source={Path.Combine(dataDirectory, "hub.db")}"
                : throw new InvalidOperationException($"{ProviderKey} is postgres: set the connection string ConnectionStrings:{ConnectionStringName} (environment: ConnectionStrings__{ConnectionStringName}).");
        }

        return new DatabaseOptions(provider, connectionString);
    }
}
