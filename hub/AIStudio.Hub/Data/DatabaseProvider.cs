namespace AIStudio.Hub.Data;

/// <summary>Which database the hub keeps its accounts, organizations, tokens, usage and audit log in.</summary>
public enum DatabaseProvider
{
    /// <summary>A file under the data directory (the default; nothing to install).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (Npgsql), for more than one machine.</summary>
    Postgres,
}
