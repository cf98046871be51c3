using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.Runtime.Tests.Persistence;

/// <summary>Each provider's migrations describe the current model (SQL Server's too, though no server runs here).</summary>
public sealed class MigrationTests
{
    private static IEnumerable<TestCaseData> Contexts()
    {
        yield return new TestCaseData(new SqliteWorkflowDbContext(new DbContextOptionsBuilder<SqliteWorkflowDbContext>().UseSqlite("Data Source=:memory:").Options)).SetName("SQLite");
        yield return new TestCaseData(new PostgresWorkflowDbContext(new DbContextOptionsBuilder<PostgresWorkflowDbContext>().UseNpgsql("Host=unused").Options)).SetName("PostgreSQL");
        yield return new TestCaseData(new SqlServerWorkflowDbContext(new DbContextOptionsBuilder<SqlServerWorkflowDbContext>().UseSqlServer("Server=unused").Options)).SetName("SQL Server");
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
