using PublicWorkflow.OneStop.Persistence;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.OneStop.Tests.Persistence;

/// <summary>Each provider's migrations describe the current model (SQL Server's too, though no server runs here).</summary>
public sealed class MigrationTests
{
    private static IEnumerable<TestCaseData> Contexts()
    {
        yield return new TestCaseData(new SqliteOneStopDbContext(new DbContextOptionsBuilder<SqliteOneStopDbContext>().UseSqlite("Data Source=:memory:").Options)).SetName("SQLite");
        yield return new TestCaseData(new PostgresOneStopDbContext(new DbContextOptionsBuilder<PostgresOneStopDbContext>().UseNpgsql("Host=unused").Options)).SetName("PostgreSQL");
        yield return new TestCaseData(new SqlServerOneStopDbContext(new DbContextOptionsBuilder<SqlServerOneStopDbContext>().UseSqlServer("Server=unused").Options)).SetName("SQL Server");
    }

    [TestCaseSource(nameof(Contexts))]
    public void Migrations_match_the_model(WorkflowDbContext context)
    {
        using (context)
        {
            Assert.That(context.Database.GetMigrations(), Is.Not.Empty);
            Assert.That(context.Database.HasPendingModelChanges(), Is.False, "run tools/add-migration.sh NAME");
        }
    }
}
