using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace PublicWorkflow.Runtime.Persistence;

/// <summary>
/// Inserts many rows of one table in the context's current transaction, several rows per statement, with the SQL
/// generated from the EF model. For counting a whole table again, where the change tracker's cost per row dominates
/// (measured on 200,000 indicator tallies: 24,000 rows/s through SaveChanges).
/// </summary>
public static class BulkRows
{
    /// <summary>SQL Server takes at most 2,100 parameters in one command; SQLite and PostgreSQL take more.</summary>
    private const int ParametersPerStatement = 2000;

    public static async Task InsertAsync<T>(WorkflowDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken = default) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            foreach (var statement in new RowStatements(db).InsertMany(rows, ParametersPerStatement))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                command.CommandTimeout = db.Database.GetCommandTimeout() ?? command.CommandTimeout;
                command.CommandText = statement.Sql;
                foreach (var value in statement.Values)
                {
                    command.Parameters.Add(value.CreateParameter(command));
                }
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
