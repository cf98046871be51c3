using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;

namespace PublicWorkflow.OneStop.Staff;

/// <summary>Every staff view of an applicant's personal data, written as the view is served.</summary>
public sealed class PersonalDataLog(OneStopDbContext db, TimeProvider clock)
{
    public async Task ViewedAsync(string actor, string action, Guid? dossierId, string? personalId = null, CancellationToken cancellationToken = default)
    {
        db.PersonalDataAccess.Add(new PersonalDataAccessRecord
        {
            At = clock.GetUtcNow().UtcDateTime, Actor = actor, Action = action, DossierId = dossierId, PersonalId = personalId,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Who looked at a dossier's applicant, newest first: for the applicant and for audits.</summary>
    public Task<List<PersonalDataAccessRecord>> OfDossierAsync(Guid dossierId, CancellationToken cancellationToken = default) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.PersonalDataAccess.Where(a => a.DossierId == dossierId).OrderByDescending(a => a.Id).Take(500), cancellationToken);
}
