using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AIStudio.Hub.Data;

/// <summary>
/// Lets SQLite itself wait for a busy database (<c>sqlite3_busy_timeout</c>, as long as the connection's command timeout)
/// on every connection the hub opens. Without it, a write that meets another one (an audit entry and a token's last
/// activity, say) gets SQLITE_BUSY at once and Microsoft.Data.Sqlite retries it after a fixed sleep of 150 ms; SQLite's
/// own busy handler retries within 1, 2, 5, 10… ms, so such a write waits about as long as the other one holds the lock
/// (measured: a write behind a 20 ms transaction, 151 ms without, 35 ms with). Microsoft.Data.Sqlite's retry stays as the
/// fallback up to the same command timeout.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        Apply(connection);
        base.ConnectionOpened(connection, eventData);
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return base.ConnectionOpenedAsync(connection, eventData, cancellationToken);
    }

    /// <summary>Sets the busy timeout of an open SQLite connection to its default command timeout (a native call; no statement runs).</summary>
    public static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
        {
            var milliseconds = sqlite.DefaultTimeout <= 0 || sqlite.DefaultTimeout > int.MaxValue / 1000 ? int.MaxValue : sqlite.DefaultTimeout * 1000;
            var rc = SQLitePCL.raw.sqlite3_busy_timeout(handle, milliseconds);
            if (rc != SQLitePCL.raw.SQLITE_OK)
            {
                throw new SqliteException($"Could not set the busy timeout of the hub's SQLite connection (SQLite error {rc}).", rc);
            }
        }
    }
}
