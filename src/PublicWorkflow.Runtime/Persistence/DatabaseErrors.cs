using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PublicWorkflow.Runtime.Persistence;

/// <summary>Recognises what each provider reports when a unique index refuses a row, or when the database cannot be reached.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// The database is down, unreachable, shutting down or too busy: nothing is wrong with the request, and the same request
    /// may succeed in a moment. Looks through the wrappers EF and ADO.NET put around the cause.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var unavailable = e switch
            {
                // Class 08: connection exceptions; 57P01-57P03: administrator shutdown, crash shutdown, cannot connect now; 53300: too many connections.
                PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300",
                NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException,
                // SQLITE_BUSY and SQLITE_LOCKED: another writer holds the file longer than the busy timeout.
                SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
                SqlException sqlServer => sqlServer.IsTransient,
                System.Net.Sockets.SocketException => true,
                _ => false,
            };
            if (unavailable)
            {
                return true;
            }
        }
        return false;
    }

    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException is { } inner && IsUniqueViolation(inner);

    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException sqlServer => sqlServer.Number is 2601 or 2627,
        _ => false,
    };
}
