using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PublicWorkflow.OneStop.Persistence.Entities;

namespace PublicWorkflow.OneStop.Persistence.Configurations;

internal sealed class DossierFileConfiguration : IEntityTypeConfiguration<DossierFileRecord>
{
    public void Configure(EntityTypeBuilder<DossierFileRecord> e)
    {
        e.ToTable("dossier_files");
        e.Property(f => f.Component).HasMaxLength(60);
        e.Property(f => f.FileName).HasMaxLength(200);
        e.Property(f => f.ContentType).HasMaxLength(40);
        e.Property(f => f.Sha256).HasMaxLength(64);
        e.Property(f => f.Source).HasMaxLength(20);
        e.Property(f => f.AddedBy).HasMaxLength(100);
        e.Property(f => f.RetractedBy).HasMaxLength(100);
        e.Property(f => f.RetractionReason).HasMaxLength(1000);
        e.HasOne<DossierRecord>().WithMany().HasForeignKey(f => f.DossierId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(f => new { f.DossierId, f.Component });
        e.HasIndex(f => f.Sha256);
    }
}

internal sealed class FileAccessConfiguration : IEntityTypeConfiguration<FileAccessRecord>
{
    public void Configure(EntityTypeBuilder<FileAccessRecord> e)
    {
        e.ToTable("file_access");
        e.Property(a => a.Actor).HasMaxLength(100);
        e.Property(a => a.Action).HasMaxLength(20);
        e.HasIndex(a => new { a.DossierId, a.At });
    }
}

internal sealed class DocumentChunkConfiguration : IEntityTypeConfiguration<DocumentChunkRecord>
{
    public void Configure(EntityTypeBuilder<DocumentChunkRecord> e)
    {
        e.ToTable("document_chunks");
        e.HasKey(c => new { c.Sha256, c.Index });
        e.Property(c => c.Sha256).HasMaxLength(64);
    }
}

internal sealed class DossierResultConfiguration : IEntityTypeConfiguration<DossierResultRecord>
{
    public void Configure(EntityTypeBuilder<DossierResultRecord> e)
    {
        e.ToTable("dossier_results");
        e.HasKey(r => r.DossierId);
        e.Property(r => r.Number).HasMaxLength(80);
        e.Property(r => r.AgencyCode).HasMaxLength(60);
        e.Property(r => r.SignerName).HasMaxLength(200);
        e.Property(r => r.SignerTitle).HasMaxLength(200);
        e.Property(r => r.Sha256).HasMaxLength(64);
        e.Property(r => r.CertificateThumbprint).HasMaxLength(64);
        e.HasOne<DossierRecord>().WithMany().HasForeignKey(r => r.DossierId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => r.Number).IsUnique();
        e.HasIndex(r => r.Sha256);
    }
}

internal sealed class FileCheckConfiguration : IEntityTypeConfiguration<FileCheckRecord>
{
    public void Configure(EntityTypeBuilder<FileCheckRecord> e)
    {
        e.ToTable("file_checks");
        e.Property(c => c.Detail).HasMaxLength(4000);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<MessageRecord>
{
    public void Configure(EntityTypeBuilder<MessageRecord> e)
    {
        e.ToTable("messages");
        e.Property(m => m.Event).HasMaxLength(40);
        e.Property(m => m.Channel).HasMaxLength(10);
        e.Property(m => m.Address).HasMaxLength(200);
        e.Property(m => m.Subject).HasMaxLength(300);
        e.Property(m => m.Body).HasMaxLength(4000);
        e.Property(m => m.Status).HasMaxLength(10);
        e.Property(m => m.LastError).HasMaxLength(1000);
        e.Property(m => m.Attempts).IsConcurrencyToken();
        e.HasOne<DossierRecord>().WithMany().HasForeignKey(m => m.DossierId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(m => new { m.DossierId, m.Event, m.Channel }).IsUnique();
        e.HasIndex(m => new { m.Status, m.NextAttemptAt });
        e.HasIndex(m => m.CitizenAccountId);
    }
}
