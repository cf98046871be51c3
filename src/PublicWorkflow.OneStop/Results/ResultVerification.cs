using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.OneStop.Results;

public enum VerificationStatus
{
    Valid,
    Altered,
    Unknown,
}

/// <summary>What the public may learn of a result: whether it is genuine, its number, the issuing agency, the procedure and date. Nobody's name.</summary>
public sealed record Verification(VerificationStatus Status, string? Number, string? AgencyCode, string? ProcedureCode, DateTime? IssuedAt);

/// <summary>
/// The public check of an electronic result: by its number, or by the file itself — the file's hash must be the one
/// issued and its signature must verify with the certificate it was signed with; a file that names a known number but
/// differs from what was issued is "altered"; anything else is "unknown".
/// </summary>
public sealed partial class ResultVerification(OneStopDbContext db)
{
    public async Task<Verification> ByNumberAsync(string number, CancellationToken cancellationToken = default)
    {
        if (number.Length is 0 or > 80)
        {
            throw RuntimeException.Invalid("number", "a result number such as 00001/2026/KQ-UB.P.HOANKIEM / số kết quả không hợp lệ");
        }
        var result = await db.DossierResults.AsNoTracking().SingleOrDefaultAsync(r => r.Number == number, cancellationToken);
        return result is null ? new Verification(VerificationStatus.Unknown, null, null, null, null) : await OfAsync(VerificationStatus.Valid, result, cancellationToken);
    }

    public async Task<Verification> ByFileAsync(byte[] pdf, CancellationToken cancellationToken = default)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var issued = await db.DossierResults.AsNoTracking().FirstOrDefaultAsync(r => r.Sha256 == sha256, cancellationToken);
        if (issued is not null)
        {
            return await OfAsync(PdfSignatures.Verify(pdf, issued.CertificateThumbprint) ? VerificationStatus.Valid : VerificationStatus.Altered, issued, cancellationToken);
        }
        var named = NumberIn(pdf);
        var claimed = named is null ? null : await db.DossierResults.AsNoTracking().SingleOrDefaultAsync(r => r.Number == named, cancellationToken);
        return claimed is null ? new Verification(VerificationStatus.Unknown, null, null, null, null) : await OfAsync(VerificationStatus.Altered, claimed, cancellationToken);
    }

    private async Task<Verification> OfAsync(VerificationStatus status, DossierResultRecord result, CancellationToken cancellationToken)
    {
        var procedure = await db.Dossiers.AsNoTracking().Where(d => d.Id == result.DossierId).Select(d => d.ProcedureCode).SingleAsync(cancellationToken);
        return new Verification(status, result.Number, result.AgencyCode, procedure, result.IssuedAt);
    }

    /// <summary>The number a result carries as its document subject.</summary>
    private static string? NumberIn(byte[] pdf) => Subject().Match(Encoding.Latin1.GetString(pdf)) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"/Subject\s*\((\d{5}/\d{4}/KQ-[A-Z0-9.]{1,60})\)")]
    private static partial Regex Subject();
}
