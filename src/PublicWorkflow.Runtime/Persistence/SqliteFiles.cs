using Microsoft.Data.Sqlite;

namespace PublicWorkflow.Runtime.Persistence;

/// <summary>A SQLite database is up to three files in WAL mode, and its jobs as many beside it; removing one means closing pooled handles and all of them.</summary>
public static class SqliteFiles
{
    public static void Delete(string databaseFile)
    {
        SqliteConnection.ClearAllPools();
        var jobs = RuntimeComposition.SqliteJobsFile($"Data Source={databaseFile}");
        foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm", jobs, jobs + "-wal", jobs + "-shm" }.OfType<string>())
        {
            File.Delete(file);
        }
    }
}
