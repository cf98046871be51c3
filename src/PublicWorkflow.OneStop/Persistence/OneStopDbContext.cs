using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.OneStop.Persistence;

/// <summary>
/// The runtime's tables and the center's own: dossiers, their tracking sheets, deadlines, files and results, code
/// sequences, notifications and staff. One subclass per provider carries that provider's migrations (EF finds migrations by
/// context type), so one assembly serves SQLite, PostgreSQL and SQL Server.
/// </summary>
public abstract class OneStopDbContext(DbContextOptions options) : WorkflowDbContext(options)
{
    public DbSet<DossierRecord> Dossiers => Set<DossierRecord>();
    public DbSet<HandoverRecord> Handovers => Set<HandoverRecord>();
    public DbSet<DossierDeadlineRecord> DossierDeadlines => Set<DossierDeadlineRecord>();
    public DbSet<DossierSequenceRecord> DossierSequences => Set<DossierSequenceRecord>();
    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();
    public DbSet<StaffUserRecord> StaffUsers => Set<StaffUserRecord>();
    public DbSet<StaffSessionRecord> StaffSessions => Set<StaffSessionRecord>();
    public DbSet<CalendarDecisionRecord> CalendarDecisions => Set<CalendarDecisionRecord>();
    public DbSet<DossierFileRecord> DossierFiles => Set<DossierFileRecord>();
    public DbSet<FileAccessRecord> FileAccess => Set<FileAccessRecord>();
    public DbSet<DocumentChunkRecord> DocumentChunks => Set<DocumentChunkRecord>();
    public DbSet<DossierResultRecord> DossierResults => Set<DossierResultRecord>();
    public DbSet<FileCheckRecord> FileChecks => Set<FileCheckRecord>();
    public DbSet<MessageRecord> Messages => Set<MessageRecord>();
    public DbSet<CitizenAccountRecord> CitizenAccounts => Set<CitizenAccountRecord>();
    public DbSet<CitizenCodeRecord> CitizenCodes => Set<CitizenCodeRecord>();
    public DbSet<PersonalDataAccessRecord> PersonalDataAccess => Set<PersonalDataAccessRecord>();
    public DbSet<FeedbackRecord> Feedback => Set<FeedbackRecord>();
    public DbSet<SurveyAnswerRecord> SurveyAnswers => Set<SurveyAnswerRecord>();
    public DbSet<IndicatorMarkRecord> IndicatorMarks => Set<IndicatorMarkRecord>();
    public DbSet<DossierTallyRecord> DossierTallies => Set<DossierTallyRecord>();
    public DbSet<IndicatorSumRecord> IndicatorSums => Set<IndicatorSumRecord>();
    public DbSet<IndicatorStateRecord> IndicatorState => Set<IndicatorStateRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OneStopDbContext).Assembly);
    }

    /// <summary>Marks each dossier whose indicator counts a write may change: the dossier itself, or its result, feedback or survey.</summary>
    protected override void AddDerivedRows()
    {
        var marked = ChangeTracker.Entries<IndicatorMarkRecord>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.DossierId).ToHashSet();
        var changed = new List<Guid>();
        foreach (var entry in ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            switch (entry.Entity)
            {
                case DossierRecord dossier:
                    changed.Add(dossier.Id);
                    break;
                case DossierResultRecord result:
                    changed.Add(result.DossierId);
                    break;
                case SurveyAnswerRecord answer:
                    changed.Add(answer.DossierId);
                    break;
                case FeedbackRecord feedback:
                    // Feedback moved from one dossier to another changes both.
                    changed.AddRange(new[] { feedback.DossierId, entry.Property(nameof(FeedbackRecord.DossierId)).OriginalValue as Guid? }.OfType<Guid>());
                    break;
            }
        }
        foreach (var id in changed.Where(marked.Add))
        {
            IndicatorMarks.Add(new IndicatorMarkRecord { Id = Guid.CreateVersion7(), DossierId = id });
        }
    }
}

public sealed class SqliteOneStopDbContext(DbContextOptions<SqliteOneStopDbContext> options) : OneStopDbContext(options);

public sealed class PostgresOneStopDbContext(DbContextOptions<PostgresOneStopDbContext> options) : OneStopDbContext(options);

public sealed class SqlServerOneStopDbContext(DbContextOptions<SqlServerOneStopDbContext> options) : OneStopDbContext(options);
