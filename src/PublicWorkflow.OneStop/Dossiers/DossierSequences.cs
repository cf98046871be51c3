using PublicWorkflow.OneStop.Persistence;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>
/// Draws the next sequence number of a dossier-code prefix in one atomic statement (an upsert that returns the new
/// value), so clerks of one agency accepting at the same moment never get the same code. A number drawn for a
/// dossier whose case then fails to start is not reused: codes are unique, not gapless.
/// </summary>
internal sealed class DossierSequences(OneStopDbContext db)
{
    public async Task<int> NextAsync(string prefix, CancellationToken cancellationToken)
    {
        var sql = db.Database.ProviderName switch
        {
            "Microsoft.EntityFrameworkCore.SqlServer" => """
                MERGE dossier_sequences WITH (HOLDLOCK) AS t USING (SELECT {0} AS Prefix) AS s ON t.Prefix = s.Prefix
                WHEN MATCHED THEN UPDATE SET Last = t.Last + 1
                WHEN NOT MATCHED THEN INSERT (Prefix, Last) VALUES (s.Prefix, 1)
                OUTPUT inserted.Last AS Value;
                """,
            // PostgreSQL and SQLite (3.35+) share the upsert with RETURNING.
            _ => """
                INSERT INTO dossier_sequences ("Prefix", "Last") VALUES ({0}, 1)
                ON CONFLICT ("Prefix") DO UPDATE SET "Last" = dossier_sequences."Last" + 1
                RETURNING "Last" AS "Value"
                """,
        };
        var values = await db.Database.SqlQueryRaw<int>(sql, prefix).ToListAsync(cancellationToken);
        return values.Single();
    }
}
