using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Persistence.Configurations;

internal sealed class DefinitionConfiguration : IEntityTypeConfiguration<DefinitionRecord>
{
    public void Configure(EntityTypeBuilder<DefinitionRecord> e)
    {
        e.ToTable("definitions");
        e.Property(d => d.Key).HasMaxLength(100);
        e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(d => d.ContentHash).HasMaxLength(64);
        e.Property(d => d.ProcessName).HasMaxLength(500);
        e.Property(d => d.PublishedBy).HasMaxLength(100);
        e.Property(d => d.Origin).HasMaxLength(400);
        e.HasIndex(d => new { d.Key, d.Version }).IsUnique();
    }
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<CaseRecord>
{
    public void Configure(EntityTypeBuilder<CaseRecord> e)
    {
        e.ToTable("cases");
        e.Property(c => c.BusinessKey).HasMaxLength(40);
        e.Property(c => c.DefinitionKey).HasMaxLength(100);
        e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.ParentActivityId).HasMaxLength(40);
        e.Property(c => c.Revision).IsConcurrencyToken();
        e.HasOne<DefinitionRecord>().WithMany().HasForeignKey(c => c.DefinitionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => c.BusinessKey).IsUnique();
        e.HasIndex(c => c.Status);
        // A call activity starts at most one child case, even if its job runs twice.
        e.HasIndex(c => new { c.ParentCaseId, c.ParentActivityId }).IsUnique();
    }
}

internal sealed class TaskConfiguration : IEntityTypeConfiguration<TaskRecord>
{
    public void Configure(EntityTypeBuilder<TaskRecord> e)
    {
        e.ToTable("tasks");
        e.Property(t => t.ActivityId).HasMaxLength(40);
        e.Property(t => t.ElementId).HasMaxLength(200);
        e.Property(t => t.Name).HasMaxLength(500);
        e.Property(t => t.CandidateRole).HasMaxLength(100);
        e.Property(t => t.Level).HasMaxLength(50);
        e.Property(t => t.CandidateGroup).HasMaxLength(100);
        e.Property(t => t.Assignee).HasMaxLength(100);
        e.Property(t => t.Form).HasMaxLength(200);
        e.Property(t => t.ClosedBy).HasMaxLength(100);
        e.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        e.Property(t => t.Revision).IsConcurrencyToken();
        e.HasOne<CaseRecord>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => new { t.CaseId, t.ActivityId }).IsUnique();
        // The clerk's inbox: open tasks for a role, group and level, soonest due first.
        e.HasIndex(t => new { t.State, t.CandidateRole, t.CandidateGroup, t.Level, t.DueAt });
    }
}

internal sealed class TimerConfiguration : IEntityTypeConfiguration<TimerRecord>
{
    public void Configure(EntityTypeBuilder<TimerRecord> e)
    {
        e.ToTable("timers");
        e.Property(t => t.TimerId).HasMaxLength(40);
        e.Property(t => t.ElementId).HasMaxLength(200);
        e.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        e.HasOne<CaseRecord>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => new { t.CaseId, t.TimerId }).IsUnique();
        e.HasIndex(t => new { t.State, t.DueAt });
    }
}

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> e)
    {
        e.ToTable("audit");
        e.Property(a => a.Actor).HasMaxLength(100);
        e.Property(a => a.Kind).HasMaxLength(50);
        e.Property(a => a.ElementId).HasMaxLength(200);
        e.Property(a => a.Level).HasMaxLength(50);
        e.Property(a => a.FromParty).HasMaxLength(200);
        e.Property(a => a.ToParty).HasMaxLength(200);
        e.HasOne<CaseRecord>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => new { a.CaseId, a.Id });
    }
}

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxRecord>
{
    public void Configure(EntityTypeBuilder<OutboxRecord> e)
    {
        e.ToTable("outbox");
        e.Property(o => o.Kind).HasConversion<string>().HasMaxLength(30);
        e.HasIndex(o => new { o.CompletedAt, o.DispatchedAt });
    }
}

internal sealed class IdempotencyConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.ToTable("idempotency_keys");
        e.HasKey(i => i.Key);
        e.Property(i => i.Key).HasMaxLength(200);
        e.Property(i => i.RequestHash).HasMaxLength(64);
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<IncidentRecord>
{
    public void Configure(EntityTypeBuilder<IncidentRecord> e)
    {
        e.ToTable("incidents");
        e.Property(i => i.ActivityId).HasMaxLength(40);
        e.Property(i => i.ElementId).HasMaxLength(200);
        e.Property(i => i.Handler).HasMaxLength(200);
        e.HasOne<CaseRecord>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(i => new { i.ResolvedAt, i.OpenedAt });
    }
}

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<EscalationRecord>
{
    public void Configure(EntityTypeBuilder<EscalationRecord> e)
    {
        e.ToTable("escalations");
        e.Property(x => x.ElementId).HasMaxLength(200);
        e.Property(x => x.Code).HasMaxLength(100);
        e.HasOne<CaseRecord>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.HandledAt, x.RaisedAt });
    }
}
