using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Documents;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime.Jobs;
using PublicWorkflow.OneStop.Messages;

namespace PublicWorkflow.OneStop.Results;

/// <summary>
/// Issues the signed electronic result of every granted dossier: once its decide step is done, the runtime's next
/// sweep makes the PDF, signs it with the agency's certificate, keeps it as the dossier's <c>result</c> file and
/// records it under the next number of the agency's register (<c>00001/2026/KQ-AGENCY</c>). One result per dossier:
/// of two nodes issuing at once, the second's insert fails on the dossier's key and it leaves the first's.
/// </summary>
public sealed class ElectronicResults(OneStopDbContext db, DossierFiles files, ProcedureCatalog catalog, SigningCertificate signing, ResultOptions options,
    WorkingCalendar calendar, ApplicantMessages messages) : IDueWork
{
    /// <summary>How many results one sweep issues, so a backlog never holds the sweep long.</summary>
    private const int PerSweep = 20;

    public async Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // A result issued by a workflow's own issue step while the flag was being written: nothing left to do for it.
        await db.Dossiers.Where(d => d.ResultDue && db.DossierResults.Any(r => r.DossierId == d.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.ResultDue, false), cancellationToken);
        var due = await db.Dossiers.AsNoTracking().Where(d => d.ResultDue && d.DecidedBy != null)
            .OrderBy(d => d.ResolvedAt).Take(PerSweep).ToListAsync(cancellationToken);
        foreach (var dossier in due)
        {
            await IssueAsync(dossier, now, cancellationToken);
        }
    }

    public async Task<DossierResultRecord?> IssueAsync(DossierRecord dossier, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var agency = catalog.Structure.AgencyEver(dossier.AgencyCode!);
        var procedure = catalog.Find(dossier.ProcedureCode);
        var local = calendar.ToLocal(now);
        var prefix = agency?.DossierPrefix ?? dossier.AgencyCode!;
        var sequence = await new DossierSequences(db).NextAsync($"KQ-{prefix}-{local.Year}", cancellationToken);
        var number = $"{sequence.ToString("D5", CultureInfo.InvariantCulture)}/{local.Year}/KQ-{prefix}";
        var signer = await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == dossier.DecidedBy, cancellationToken);
        var content = new ResultContent(number, agency?.Name.Vi ?? dossier.AgencyCode!, dossier.Code!, dossier.ProcedureCode, procedure?.Name.Vi ?? dossier.ProcedureCode,
            "Chấp thuận giải quyết hồ sơ / Granted", signer?.DisplayName ?? dossier.DecidedBy!, Title(signer?.JobRoles), local,
            options.VerificationUrl(number));
        var pdf = await ResultDocument.SignedPdfAsync(content, signing);
        var sha256 = await files.KeepAsync(pdf, cancellationToken);
        var file = new DossierFileRecord
        {
            Id = Guid.NewGuid(), DossierId = dossier.Id, Component = DossierFiles.Result, FileName = $"ket-qua-{dossier.Code}.pdf", ContentType = "application/pdf",
            Size = pdf.Length, Sha256 = sha256, Pages = 1, Source = "result", AddedBy = dossier.DecidedBy!, AddedAt = now.UtcDateTime,
        };
        var result = new DossierResultRecord
        {
            DossierId = dossier.Id, Number = number, AgencyCode = dossier.AgencyCode!, IssuedAt = now.UtcDateTime, SignerName = content.SignerName,
            SignerTitle = content.SignerTitle, FileId = file.Id, Sha256 = sha256, CertificateThumbprint = signing.Certificate.Thumbprint,
        };
        db.DossierResults.Add(result);
        messages.ResultIssued(dossier, number);
        try
        {
            await files.RecordAsync(new DossierId(dossier.Id), file, cancellationToken);
            return result;
        }
        catch (Exception ex) when (ex is DbUpdateException or Runtime.RuntimeException)
        {
            // Another node issued it first, or the dossier changed meanwhile: the next sweep looks again.
            db.ChangeTracker.Clear();
            return null;
        }
    }

    /// <summary>The signer's title from their job roles (the staff directory has no separate title).</summary>
    private static string Title(string? jobRoles) => (jobRoles ?? "").Split(',') switch
    {
        var roles when roles.Contains("commune-chairman") => "Chủ tịch Ủy ban nhân dân",
        var roles when roles.Contains("agency-leader") => "Lãnh đạo cơ quan",
        _ => "Người có thẩm quyền ký",
    };
}
