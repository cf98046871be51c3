using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Documents;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Payments;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.OneStop.Citizens;

/// <summary>A document of an online filing: to be uploaded, or reused from the citizen's data store or a national database.</summary>
public sealed record PortalDocument(string Id, Guid? ReusedFileId = null, bool FromNationalDatabase = false);

/// <summary>What the citizen fills in on the portal; who they are comes from the account.</summary>
public sealed record PortalFiling(string ProcedureCode, string? BranchCode, string? Locality, DeliveryOption Delivery, IReadOnlyList<PortalDocument> Documents,
    string? Phone, string? Email, string? Address, IReadOnlyList<string>? NotifyBy, string? IdNumber, int Copies = 1);

/// <summary>
/// The citizen's side of their dossiers: every read and command is of the signed-in account's own dossiers, and another's
/// dossier is "not found", exactly as one that does not exist. The commands are the center's own (reception, files,
/// supplement, withdrawal, payment, rating), with the citizen as actor.
/// </summary>
public sealed class CitizenDossiers(OneStopDbContext db, CitizenAccounts accounts, ReceiveDossier reception, DossierFiles files, SupplementDossier supplement,
    EndDossier end, RecordPayment payments, IPaymentGateway gateway, RateService rating, DossierStore store)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Files online at any hour: the dossier waits, submitted, for the receiving point's review; its files are uploaded next.</summary>
    public async Task<ReceptionOutcome> FileAsync(Guid accountId, PortalFiling filing, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var account = await accounts.AccountAsync(accountId, cancellationToken);
        if (filing.Documents.Any(d => d.ReusedFileId is not null || d.FromNationalDatabase) && account.PersonalId is null)
        {
            throw RuntimeException.Rejected("personal-id-not-verified",
                "taking documents from your data store or a national database needs your personal ID verified: sign in with the national identity (VNeID) once / cần xác thực định danh");
        }
        if (account.PersonalId is not null && filing.IdNumber is { Length: > 0 } typed && typed != account.PersonalId)
        {
            throw RuntimeException.Invalid("idNumber", "your personal ID number is the one your account is bound to / số định danh là số đã gắn với tài khoản");
        }
        var applicant = new Applicant(account.FullName, account.PersonalId ?? Blank(filing.IdNumber), account.Phone ?? Blank(filing.Phone),
            account.Email ?? Blank(filing.Email), Blank(filing.Address), filing.NotifyBy, account.Language);
        var request = new ReceptionRequest(filing.ProcedureCode, DossierChannel.Online, filing.BranchCode, Blank(filing.Locality), applicant,
            filing.Documents.Select(d => new PresentedDocument(d.Id, 1, 0, d.FromNationalDatabase, d.ReusedFileId)).ToList(), filing.Delivery, filing.Copies);
        return await reception.SubmitOnlineAsync(request, account.SessionName, idempotencyKey, cancellationToken, accountId);
    }

    /// <summary>The account's dossiers, newest first (at most 200).</summary>
    public Task<List<DossierRecord>> MineAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.Dossiers.AsNoTracking().Where(d => d.CitizenAccountId == accountId).OrderByDescending(d => d.ReceivedAt).Take(200).ToListAsync(cancellationToken);

    /// <summary>The account's own dossier; "not found" for any other.</summary>
    public async Task<DossierRecord> OwnAsync(Guid accountId, DossierId dossierId, CancellationToken cancellationToken) =>
        await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dossierId.Value && d.CitizenAccountId == accountId, cancellationToken)
        ?? throw RuntimeException.NotFound("dossier", dossierId);

    /// <summary>A file for a component, while the filing waits for review or a supplement is asked for.</summary>
    public async Task<DossierFileRecord> UploadAsync(Guid accountId, DossierId dossierId, string component, string? fileName, Stream content,
        CancellationToken cancellationToken)
    {
        var dossier = await OwnAsync(accountId, dossierId, cancellationToken);
        if (dossier.Status is not (DossierStatus.Submitted or DossierStatus.SupplementRequested))
        {
            throw RuntimeException.Rejected("dossier-not-open",
                "files are added while the filing waits for review or when a supplement is asked for / chỉ bổ sung tệp khi hồ sơ chờ tiếp nhận hoặc được yêu cầu bổ sung");
        }
        return await files.UploadAsync(dossierId, component, fileName, content, Actor(accountId), cancellationToken);
    }

    /// <summary>The files the citizen may read: their own uploads and reused papers (not retracted), and the signed result.</summary>
    public async Task<List<DossierFileRecord>> FilesAsync(Guid accountId, DossierId dossierId, CancellationToken cancellationToken)
    {
        await OwnAsync(accountId, dossierId, cancellationToken);
        return (await files.ListAsync(dossierId, cancellationToken)).Where(f => f.RetractedAt is null && (f.Component == DossierFiles.Result || f.AddedBy == Actor(accountId)
            || f.Source == "reused")).ToList();
    }

    public async Task<(DossierFileRecord File, Stream Content)> OpenAsync(Guid accountId, DossierId dossierId, Guid fileId, bool download, CancellationToken cancellationToken)
    {
        if (!(await FilesAsync(accountId, dossierId, cancellationToken)).Any(f => f.Id == fileId))
        {
            throw RuntimeException.NotFound("file", fileId);
        }
        return await files.OpenAsync(dossierId, fileId, Actor(accountId), download, cancellationToken);
    }

    /// <summary>
    /// The answer to a supplement request: the components uploaded since the request are handed in, and the case goes on
    /// from its supplement step, which resumes the clock.
    /// </summary>
    public async Task<DossierRecord> SupplementAsync(Guid accountId, DossierId dossierId, CancellationToken cancellationToken)
    {
        var dossier = await OwnAsync(accountId, dossierId, cancellationToken);
        var since = dossier.SupplementRequestedAt ?? DateTime.MinValue;
        var uploaded = (await files.ListAsync(dossierId, cancellationToken))
            .Where(f => f.RetractedAt is null && f.AddedBy == Actor(accountId) && f.AddedAt >= since).Select(f => f.Component).Distinct().ToList();
        if (uploaded.Count == 0)
        {
            throw RuntimeException.Invalid("files", "upload what was asked for first / hãy tải lên tài liệu được yêu cầu bổ sung");
        }
        return await supplement.DeliverAsync(dossierId, uploaded.Select(c => new PresentedDocument(c)).ToList(), Actor(accountId), cancellationToken);
    }

    public async Task<DossierRecord> WithdrawAsync(Guid accountId, DossierId dossierId, string? reason, CancellationToken cancellationToken)
    {
        await OwnAsync(accountId, dossierId, cancellationToken);
        return await end.WithdrawAsync(dossierId, reason ?? "", Actor(accountId), cancellationToken);
    }

    /// <summary>Pays the fee through the gateway (the dossier's id is the order, so a retry is the same order there) and records it.</summary>
    public async Task<DossierRecord> PayAsync(Guid accountId, DossierId dossierId, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var dossier = await OwnAsync(accountId, dossierId, cancellationToken);
        if (dossier.FeeAmount is not > 0)
        {
            throw RuntimeException.Rejected("no-fee", "this dossier has no fee to pay / hồ sơ không phải nộp phí");
        }
        if (dossier.FeePaidAt is not null)
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "already-paid", $"dossier {dossier.Code} is already paid / hồ sơ đã nộp phí");
        }
        if (dossier.Code is null || DossierStatuses.IsClosed(dossier.Status) || dossier.Status == DossierStatus.Withdrawn)
        {
            throw RuntimeException.Rejected("dossier-not-payable", "the fee is paid once the dossier is accepted and still open / chỉ nộp phí khi hồ sơ đã tiếp nhận");
        }
        var receipt = await gateway.ChargeAsync(new PaymentOrder(dossier.Id, dossier.Code, dossier.FeeAmount.Value, $"Phí, lệ phí hồ sơ {dossier.Code}"), cancellationToken);
        if (!receipt.Approved)
        {
            throw RuntimeException.Rejected("payment-declined", $"the payment gateway declined: {receipt.DeclineReason} / thanh toán không thành công");
        }
        return await payments.RecordAsync(dossierId, "online", Actor(accountId), idempotencyKey, cancellationToken: cancellationToken, reference: receipt.Reference);
    }

    public async Task<DossierRecord> RateAsync(Guid accountId, DossierId dossierId, int value, string? comment, CancellationToken cancellationToken)
    {
        var dossier = await OwnAsync(accountId, dossierId, cancellationToken);
        return await rating.RateAsync(dossier.Code ?? "", dossier.LookupKey, value, comment, cancellationToken: cancellationToken);
    }

    public Task<List<HandoverRecord>> TrackingSheetAsync(Guid accountId, DossierRecord own, CancellationToken cancellationToken) =>
        own.CitizenAccountId == accountId ? store.TrackingSheetAsync(new DossierId(own.Id), cancellationToken) : throw RuntimeException.NotFound("dossier", own.Id);

    /// <summary>What the citizen is asked to supply, in full: it is their own dossier.</summary>
    public static IReadOnlyList<string> Missing(DossierRecord dossier) =>
        dossier.Status is DossierStatus.SupplementRequested or DossierStatus.Guided && dossier.MissingJson is { } json
            ? JsonSerializer.Deserialize<List<string>>(json, Json) ?? []
            : [];

    /// <summary>How the citizen appears as the actor on files and audit lines.</summary>
    public static string Actor(Guid accountId) => CitizenAccountRecord.SessionPrefix + accountId.ToString("N");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
