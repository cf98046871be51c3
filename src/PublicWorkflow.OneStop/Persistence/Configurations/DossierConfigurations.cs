using PublicWorkflow.OneStop.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Persistence.Configurations;

internal sealed class DossierConfiguration : IEntityTypeConfiguration<DossierRecord>
{
    public void Configure(EntityTypeBuilder<DossierRecord> e)
    {
        e.ToTable("dossiers");
        e.Property(d => d.Code).HasMaxLength(60);
        e.Property(d => d.LookupKey).HasMaxLength(32);
        e.Property(d => d.ProcedureCode).HasMaxLength(20);
        e.Property(d => d.Status).HasConversion<string>().HasMaxLength(30);
        e.Property(d => d.Channel).HasConversion<string>().HasMaxLength(20);
        e.Property(d => d.BranchCode).HasMaxLength(40);
        e.Property(d => d.Locality).HasMaxLength(60);
        e.Property(d => d.AgencyCode).HasMaxLength(60);
        e.Property(d => d.Level).HasMaxLength(20);
        e.Property(d => d.ReceivedBy).HasMaxLength(100);
        e.Property(d => d.TimeLimit).HasMaxLength(40);
        e.Property(d => d.ApologyReason).HasMaxLength(2000);
        e.Property(d => d.Delivery).HasMaxLength(20);
        e.Property(d => d.FeeAmount).HasPrecision(18, 0);
        e.Property(d => d.PaymentChannel).HasMaxLength(20);
        e.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(20);
        e.Property(d => d.RefusalReasons).HasMaxLength(4000);
        e.Property(d => d.StopReason).HasMaxLength(2000);
        e.Property(d => d.DecidedBy).HasMaxLength(100);
        e.Property(d => d.ApplicantIdNumber).HasMaxLength(20);
        e.HasIndex(d => d.ApplicantIdNumber);
        e.Property(d => d.PaymentReference).HasMaxLength(100);
        // "My dossiers": a citizen's own, newest first.
        e.HasIndex(d => new { d.CitizenAccountId, d.ReceivedAt });
        e.HasIndex(d => d.ResultDue);
        e.Property(d => d.WithdrawalReason).HasMaxLength(2000);
        e.Property(d => d.SupplementOverrideReason).HasMaxLength(2000);
        e.Property(d => d.SupplementOverrideBy).HasMaxLength(100);
        e.Property(d => d.SupplementRequestsAllowed).HasDefaultValue(1);
        e.Property(d => d.RatingComment).HasMaxLength(2000);
        e.Property(d => d.Revision).IsConcurrencyToken();
        e.HasIndex(d => d.Code).IsUnique();
        e.HasIndex(d => d.CaseId).IsUnique();
        // The supervisor's and the measures' questions: by agency or branch, by status and due date.
        e.HasIndex(d => new { d.AgencyCode, d.Status, d.AppointmentAt });
        e.HasIndex(d => new { d.BranchCode, d.ReceivedAt });
        e.HasIndex(d => new { d.Status, d.AppointmentAt });
        // Indicators and statistics for a period: a month of a city's year read as a range, not the whole table (bench volume).
        e.HasIndex(d => d.ReceivedAt);
    }
}

internal sealed class HandoverConfiguration : IEntityTypeConfiguration<HandoverRecord>
{
    public void Configure(EntityTypeBuilder<HandoverRecord> e)
    {
        e.ToTable("handovers");
        e.Property(h => h.Step).HasMaxLength(100);
        e.Property(h => h.StepName).HasMaxLength(500);
        e.Property(h => h.FromParty).HasMaxLength(100);
        e.Property(h => h.FromActor).HasMaxLength(100);
        e.Property(h => h.ToParty).HasMaxLength(300);
        e.Property(h => h.Timing).HasConversion<string>().HasMaxLength(10);
        e.HasOne<DossierRecord>().WithMany().HasForeignKey(h => h.DossierId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(h => new { h.DossierId, h.Id });
    }
}

internal sealed class DossierDeadlineConfiguration : IEntityTypeConfiguration<DossierDeadlineRecord>
{
    public void Configure(EntityTypeBuilder<DossierDeadlineRecord> e)
    {
        e.ToTable("dossier_deadlines");
        e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
        // Raising a deadline is guarded by its state: of two sweeping nodes, one raises it.
        e.Property(d => d.State).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        e.Property(d => d.Recipient).HasMaxLength(100);
        e.HasOne<DossierRecord>().WithMany().HasForeignKey(d => d.DossierId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(d => new { d.State, d.DueAt });
        e.HasIndex(d => new { d.DossierId, d.Kind });
        e.HasIndex(d => new { d.Recipient, d.State, d.RaisedAt });
    }
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUserRecord>
{
    public void Configure(EntityTypeBuilder<StaffUserRecord> e)
    {
        e.ToTable("staff_users");
        e.Property(u => u.UserName).HasMaxLength(100);
        e.Property(u => u.DisplayName).HasMaxLength(200);
        e.Property(u => u.PasswordHash).HasMaxLength(200);
        e.Property(u => u.Role).HasMaxLength(30);
        e.Property(u => u.AgencyCode).HasMaxLength(60);
        e.Property(u => u.Level).HasMaxLength(20);
        e.Property(u => u.BranchCode).HasMaxLength(40);
        e.Property(u => u.JobRoles).HasMaxLength(500);
        e.HasIndex(u => u.UserName).IsUnique();
    }
}

internal sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSessionRecord>
{
    public void Configure(EntityTypeBuilder<StaffSessionRecord> e)
    {
        e.ToTable("staff_sessions");
        e.Property(s => s.Id).HasMaxLength(32);
        e.Property(s => s.UserName).HasMaxLength(100);
        e.HasIndex(s => s.UserName);
    }
}

internal sealed class DossierSequenceConfiguration : IEntityTypeConfiguration<DossierSequenceRecord>
{
    public void Configure(EntityTypeBuilder<DossierSequenceRecord> e)
    {
        e.ToTable("dossier_sequences");
        e.HasKey(s => s.Prefix);
        e.Property(s => s.Prefix).HasMaxLength(80);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<NotificationRecord>
{
    public void Configure(EntityTypeBuilder<NotificationRecord> e)
    {
        e.ToTable("notifications");
        e.Property(n => n.Recipient).HasMaxLength(20);
        e.Property(n => n.Template).HasMaxLength(100);
        e.Property(n => n.ActivityId).HasMaxLength(40);
        e.HasOne<CaseRecord>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
        // One notice per step, even when its handler runs twice.
        e.HasIndex(n => new { n.CaseId, n.ActivityId }).IsUnique();
        e.HasIndex(n => n.SentAt);
    }
}

internal sealed class CalendarDecisionConfiguration : IEntityTypeConfiguration<CalendarDecisionRecord>
{
    public void Configure(EntityTypeBuilder<CalendarDecisionRecord> e)
    {
        e.ToTable("calendar_decisions");
        e.Property(d => d.DecidedBy).HasMaxLength(100);
        e.Property(d => d.Reason).HasMaxLength(1000);
        e.HasIndex(d => new { d.Date, d.Id });
    }
}
