using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Persistence;

/// <summary>
/// The runtime's tables. One subclass per provider carries that provider's migrations (EF finds migrations by
/// context type), so one assembly serves SQLite, PostgreSQL and SQL Server.
/// </summary>
public abstract class WorkflowDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DefinitionRecord> Definitions => Set<DefinitionRecord>();
    public DbSet<CaseRecord> Cases => Set<CaseRecord>();
    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();
    public DbSet<TimerRecord> Timers => Set<TimerRecord>();
    public DbSet<AuditRecord> Audit => Set<AuditRecord>();
    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();
    public DbSet<EscalationRecord> Escalations => Set<EscalationRecord>();
    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();
    public DbSet<DossierRecord> Dossiers => Set<DossierRecord>();
    public DbSet<HandoverRecord> Handovers => Set<HandoverRecord>();
    public DbSet<DossierDeadlineRecord> DossierDeadlines => Set<DossierDeadlineRecord>();
    public DbSet<StaffUserRecord> StaffUsers => Set<StaffUserRecord>();
    public DbSet<StaffSessionRecord> StaffSessions => Set<StaffSessionRecord>();
    public DbSet<DossierSequenceRecord> DossierSequences => Set<DossierSequenceRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkflowDbContext).Assembly);

    /// <summary>Every stored instant is UTC; SQLite hands DateTime back without a kind, so it is stamped UTC on read.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteWorkflowDbContext(DbContextOptions<SqliteWorkflowDbContext> options) : WorkflowDbContext(options);

public sealed class PostgresWorkflowDbContext(DbContextOptions<PostgresWorkflowDbContext> options) : WorkflowDbContext(options);

public sealed class SqlServerWorkflowDbContext(DbContextOptions<SqlServerWorkflowDbContext> options) : WorkflowDbContext(options);
