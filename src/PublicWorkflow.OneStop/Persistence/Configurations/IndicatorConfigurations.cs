using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PublicWorkflow.OneStop.Persistence.Entities;

namespace PublicWorkflow.OneStop.Persistence.Configurations;

internal sealed class IndicatorMarkConfiguration : IEntityTypeConfiguration<IndicatorMarkRecord>
{
    public void Configure(EntityTypeBuilder<IndicatorMarkRecord> e)
    {
        e.ToTable("indicator_marks");
        e.Property(m => m.Id).ValueGeneratedNever();
    }
}

internal sealed class DossierTallyConfiguration : IEntityTypeConfiguration<DossierTallyRecord>
{
    public void Configure(EntityTypeBuilder<DossierTallyRecord> e)
    {
        e.ToTable("indicator_tallies");
        e.HasKey(t => t.DossierId);
        e.Property(t => t.DossierId).ValueGeneratedNever();
        e.Property(t => t.AgencyCode).HasMaxLength(60);
        e.Property(t => t.Level).HasMaxLength(20);
        e.Property(t => t.BranchCode).HasMaxLength(40);
        e.Property(t => t.ProcedureCode).HasMaxLength(20);
        e.HasIndex(t => t.Day);
    }
}

internal sealed class IndicatorSumConfiguration : IEntityTypeConfiguration<IndicatorSumRecord>
{
    public void Configure(EntityTypeBuilder<IndicatorSumRecord> e)
    {
        e.ToTable("indicator_sums");
        e.HasKey(s => new { s.Dimension, s.Span, s.Start, s.Value });
        e.Property(s => s.Value).HasMaxLength(60);
    }
}

internal sealed class IndicatorStateConfiguration : IEntityTypeConfiguration<IndicatorStateRecord>
{
    public void Configure(EntityTypeBuilder<IndicatorStateRecord> e)
    {
        e.ToTable("indicator_state");
        e.Property(s => s.Id).ValueGeneratedNever();
        e.Property(s => s.Fingerprint).HasMaxLength(64);
        e.Property(s => s.Revision).IsConcurrencyToken();
    }
}
