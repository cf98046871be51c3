using Microsoft.Data.Sqlite;

namespace PublicWorkflow.Runtime.Persistence;

/// <summary>A SQLite database is up to three files in WAL mode; removing one means closing pooled handles and all three.</summary>
public static class SqliteFiles
{
    public static void Delete(string databaseFile)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" })
        {
            File.Delete(file);
        }
    }
}
