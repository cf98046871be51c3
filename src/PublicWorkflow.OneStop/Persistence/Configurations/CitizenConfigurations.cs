using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PublicWorkflow.OneStop.Persistence.Entities;

namespace PublicWorkflow.OneStop.Persistence.Configurations;

internal sealed class CitizenAccountConfiguration : IEntityTypeConfiguration<CitizenAccountRecord>
{
    public void Configure(EntityTypeBuilder<CitizenAccountRecord> e)
    {
        e.ToTable("citizen_accounts");
        e.Property(a => a.Email).HasMaxLength(200);
        e.Property(a => a.Phone).HasMaxLength(20);
        e.Property(a => a.PasswordHash).HasMaxLength(200);
        e.Property(a => a.FullName).HasMaxLength(200);
        e.Property(a => a.PersonalId).HasMaxLength(20);
        e.Property(a => a.ExternalIssuer).HasMaxLength(200);
        e.Property(a => a.ExternalSubject).HasMaxLength(200);
        e.Property(a => a.Language).HasMaxLength(2);
        e.Ignore(a => a.SessionName);
        // Unique where set: NULLs are distinct on SQLite and PostgreSQL; SQL Server needs the filter said.
        e.HasIndex(a => a.Email).IsUnique().HasFilter("\"Email\" IS NOT NULL");
        e.HasIndex(a => a.Phone).IsUnique().HasFilter("\"Phone\" IS NOT NULL");
        e.HasIndex(a => a.PersonalId).IsUnique().HasFilter("\"PersonalId\" IS NOT NULL");
        e.HasIndex(a => new { a.ExternalIssuer, a.ExternalSubject }).IsUnique().HasFilter("\"ExternalSubject\" IS NOT NULL");
    }
}

internal sealed class CitizenCodeConfiguration : IEntityTypeConfiguration<CitizenCodeRecord>
{
    public void Configure(EntityTypeBuilder<CitizenCodeRecord> e)
    {
        e.ToTable("citizen_codes");
        e.Property(c => c.Purpose).HasMaxLength(10);
        e.Property(c => c.CodeHash).HasMaxLength(64);
        e.HasOne<CitizenAccountRecord>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.AccountId, c.Purpose });
    }
}

internal sealed class PersonalDataAccessConfiguration : IEntityTypeConfiguration<PersonalDataAccessRecord>
{
    public void Configure(EntityTypeBuilder<PersonalDataAccessRecord> e)
    {
        e.ToTable("personal_data_access");
        e.Property(a => a.Actor).HasMaxLength(100);
        e.Property(a => a.Action).HasMaxLength(30);
        e.Property(a => a.PersonalId).HasMaxLength(20);
        e.HasIndex(a => a.DossierId);
        e.HasIndex(a => a.PersonalId);
    }
}
