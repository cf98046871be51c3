using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PublicWorkflow.OneStop.Persistence.Entities;

namespace PublicWorkflow.OneStop.Persistence.Configurations;

internal sealed class FeedbackConfiguration : IEntityTypeConfiguration<FeedbackRecord>
{
    public void Configure(EntityTypeBuilder<FeedbackRecord> e)
    {
        e.ToTable("feedback_items");
        e.Property(f => f.Code).HasMaxLength(30);
        e.Property(f => f.Secret).HasMaxLength(20);
        e.Property(f => f.Channel).HasMaxLength(10);
        e.Property(f => f.PartnerId).HasMaxLength(40);
        e.Property(f => f.PartnerItemId).HasMaxLength(100);
        e.Property(f => f.Subject).HasMaxLength(200);
        e.Property(f => f.Text).HasMaxLength(4000);
        e.Property(f => f.ContactName).HasMaxLength(200);
        e.Property(f => f.ContactEmail).HasMaxLength(200);
        e.Property(f => f.ContactPhone).HasMaxLength(20);
        e.Property(f => f.DossierCode).HasMaxLength(60);
        e.Property(f => f.Category).HasMaxLength(20);
        e.Property(f => f.AgencyCode).HasMaxLength(60);
        e.Property(f => f.Status).HasMaxLength(20);
        e.Property(f => f.ReceivedBy).HasMaxLength(100);
        e.Property(f => f.DuplicateKey).HasMaxLength(64);
        e.Property(f => f.RefusalReason).HasMaxLength(2000);
        e.Property(f => f.MoreInfoRequest).HasMaxLength(2000);
        e.Property(f => f.Answer).HasMaxLength(8000);
        e.Property(f => f.AnsweredBy).HasMaxLength(100);
        e.Property(f => f.ApprovedBy).HasMaxLength(100);
        e.Property(f => f.PublishedQuestion).HasMaxLength(4000);
        e.Property(f => f.AttachmentSha256).HasMaxLength(64);
        e.Property(f => f.AttachmentName).HasMaxLength(200);
        e.Property(f => f.AttachmentType).HasMaxLength(60);
        e.Property(f => f.Revision).IsConcurrencyToken();
        e.HasIndex(f => f.Code).IsUnique();
        e.HasIndex(f => new { f.PartnerId, f.PartnerItemId }).IsUnique().HasFilter("\"PartnerItemId\" IS NOT NULL");
        e.HasIndex(f => f.CaseId);
        e.HasIndex(f => f.DossierId);
        e.HasIndex(f => new { f.DuplicateKey, f.ReceivedAt });
        e.HasIndex(f => new { f.Status, f.DueAt });
        e.HasIndex(f => new { f.AgencyCode, f.ReceivedAt });
        e.HasIndex(f => f.PublishedAt);
    }
}

internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswerRecord>
{
    public void Configure(EntityTypeBuilder<SurveyAnswerRecord> e)
    {
        e.ToTable("survey_answers");
        e.Property(s => s.AnswersJson).HasMaxLength(2000);
        e.Property(s => s.Comment).HasMaxLength(2000);
        e.Property(s => s.Score).HasPrecision(4, 2);
        e.HasOne<DossierRecord>().WithMany().HasForeignKey(s => s.DossierId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(s => s.DossierId).IsUnique();
        e.HasIndex(s => s.AnsweredAt);
    }
}
