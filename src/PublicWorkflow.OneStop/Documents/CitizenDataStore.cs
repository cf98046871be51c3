using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.OneStop.Documents;

/// <summary>A file the citizen need not hand in again: an electronic result issued to them, or a document they filed earlier that is still valid.</summary>
public sealed record ReuseOffer(string Component, string Kind, Guid FileId, string? ResultNumber, string? FromDossier, string FromProcedure, DateTime Since);

/// <summary>
/// Each citizen's data store ("ask only once"), by their personal ID number: the results issued to them and the files
/// of their earlier dossiers. For a new dossier of a procedure it offers, per document, what can stand in for it: a
/// result of a procedure the document accepts, or an earlier file of the same document still within its validity.
/// </summary>
public sealed class CitizenDataStore(OneStopDbContext db)
{
    public static bool IsIdNumber(string? idNumber) => idNumber is { Length: 9 or 12 } && idNumber.All(char.IsAsciiDigit);

    public async Task<IReadOnlyList<ReuseOffer>> OffersAsync(string idNumber, Procedure procedure, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!IsIdNumber(idNumber))
        {
            throw RuntimeException.Invalid("idNumber", "a personal ID number of 12 digits (or an old 9-digit one) / số định danh cá nhân không hợp lệ");
        }
        var dossiers = await db.Dossiers.AsNoTracking().Where(d => d.ApplicantIdNumber == idNumber && d.Code != null)
            .Select(d => new { d.Id, d.Code, d.ProcedureCode }).ToListAsync(cancellationToken);
        var byId = dossiers.ToDictionary(d => d.Id);
        var ids = byId.Keys.ToList();
        var results = await db.DossierResults.AsNoTracking().Where(r => ids.Contains(r.DossierId)).ToListAsync(cancellationToken);
        var files = await db.DossierFiles.AsNoTracking()
            .Where(f => ids.Contains(f.DossierId) && f.RetractedAt == null && f.Component != DossierFiles.Result).ToListAsync(cancellationToken);
        var offers = new List<ReuseOffer>();
        foreach (var document in procedure.Documents)
        {
            offers.AddRange(results.Where(r => document.AcceptsResultOf?.Contains(byId[r.DossierId].ProcedureCode) == true)
                .Select(r => new ReuseOffer(document.Id, "result", r.FileId, r.Number, byId[r.DossierId].Code, byId[r.DossierId].ProcedureCode, r.IssuedAt)));
            if (document.ReuseValidForDays is { } days)
            {
                offers.AddRange(files.Where(f => f.Component == document.Id && f.AddedAt >= now.UtcDateTime.AddDays(-days))
                    .Select(f => new ReuseOffer(document.Id, "file", f.ReusedFrom ?? f.Id, null, byId[f.DossierId].Code, byId[f.DossierId].ProcedureCode, f.AddedAt)));
            }
        }
        return offers.DistinctBy(o => (o.Component, o.FileId)).OrderBy(o => o.Component, StringComparer.Ordinal).ThenByDescending(o => o.Since).ToList();
    }

    /// <summary>The kept file behind an offer, to record on the new dossier without copying its contents.</summary>
    internal Task<Persistence.Entities.DossierFileRecord?> FileAsync(Guid fileId, CancellationToken cancellationToken) =>
        db.DossierFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken);
}
