using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.OneStop.Documents;

/// <summary>
/// The files of a dossier's components: an upload is streamed to a staging file while it is hashed and counted (a large
/// file never sits whole in memory, and the limits stop it as soon as they are passed), checked by its bytes, kept in
/// the blob store under its hash, and recorded with who added it. Every view, download and retraction is audited.
/// A dossier is digitized when each required component has a file or was taken from a national database.
/// </summary>
public sealed class DossierFiles(OneStopDbContext db, IBlobStore blobs, DossierStore store, ProcedureCatalog catalog, DocumentOptions options, TimeProvider time)
{
    /// <summary>The component of the signed electronic result.</summary>
    public const string Result = "result";

    /// <summary>A file for none of the procedure's documents (e.g. something a supplement request asked for in free text).</summary>
    public const string Other = "other";

    public async Task<DossierFileRecord> UploadAsync(DossierId dossierId, string component, string? fileName, Stream content, string actor,
        CancellationToken cancellationToken = default)
    {
        var dossier = await store.DossierAsync(dossierId, cancellationToken);
        var procedure = catalog.Find(dossier.ProcedureCode);
        if (component != Other && procedure?.Documents.Any(d => d.Id == component) != true)
        {
            throw RuntimeException.Invalid("component", $"procedure {dossier.ProcedureCode} has no document '{component}' (or use '{Other}')");
        }
        if (FileNames.HoldsPath(fileName))
        {
            throw RuntimeException.Invalid("file", "the file name holds a path (/, \\ or ..): send the name alone / tên tệp không được chứa đường dẫn");
        }
        if (!AcceptsFiles(dossier.Status))
        {
            throw RuntimeException.Rejected("dossier-not-open", $"dossier {dossier.Code ?? dossier.Id.ToString()} is {dossier.Status}: no file can be added");
        }
        var kept = await KeptBytesAsync(dossierId, cancellationToken);
        var staged = await FileStaging.StageAsync(options, content, options.MaxDossierBytes - kept, cancellationToken);
        try
        {
            var file = new DossierFileRecord
            {
                Id = Guid.NewGuid(), DossierId = dossierId.Value, Component = component, FileName = FileNames.Sanitize(fileName, staged.Kind),
                ContentType = FileKinds.ContentType(staged.Kind), Size = staged.Size, Sha256 = staged.Sha256, Pages = staged.Pages, Source = "upload",
                AddedBy = actor, AddedAt = time.GetUtcNow().UtcDateTime,
            };
            await blobs.PutAsync(staged.Sha256, staged.Path, cancellationToken);
            await RecordAsync(dossierId, file, cancellationToken);
            return file;
        }
        finally
        {
            File.Delete(staged.Path);
        }
    }

    /// <summary>Keeps bytes made by the system (a signed result) in the blob store; returns their hash.</summary>
    internal async Task<string> KeepAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(options.Folder, ".incoming");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N"));
        try
        {
            await File.WriteAllBytesAsync(path, bytes, cancellationToken);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            await blobs.PutAsync(sha256, path, cancellationToken);
            return sha256;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Adds an already kept file (a signed result, a file reused from the citizen's earlier dossier) with its audit line.</summary>
    internal async Task RecordAsync(DossierId dossierId, DossierFileRecord file, CancellationToken cancellationToken)
    {
        db.DossierFiles.Add(file);
        db.FileAccess.Add(new FileAccessRecord { FileId = file.Id, DossierId = dossierId.Value, At = file.AddedAt, Actor = file.AddedBy, Action = file.Source });
        await store.SaveAsync(dossierId, async tracked =>
        {
            tracked.Digitized = await DigitizedAsync(tracked, cancellationToken);
            tracked.ResultDue &= file.Component != Result;
        }, cancellationToken);
    }

    public Task<DossierResultRecord?> ResultAsync(DossierId dossierId, CancellationToken cancellationToken = default) =>
        db.DossierResults.AsNoTracking().SingleOrDefaultAsync(r => r.DossierId == dossierId.Value, cancellationToken);

    public Task<List<DossierFileRecord>> ListAsync(DossierId dossierId, CancellationToken cancellationToken = default) =>
        db.DossierFiles.AsNoTracking().Where(f => f.DossierId == dossierId.Value).OrderBy(f => f.AddedAt).ToListAsync(cancellationToken);

    /// <summary>A file's contents for staff to view inline or download, audited; a missing blob is an incident, not a crash.</summary>
    public async Task<(DossierFileRecord File, Stream Content)> OpenAsync(DossierId dossierId, Guid fileId, string actor, bool download,
        CancellationToken cancellationToken = default)
    {
        var file = await db.DossierFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.DossierId == dossierId.Value, cancellationToken)
            ?? throw RuntimeException.NotFound("file", fileId);
        var content = await blobs.OpenAsync(file.Sha256, cancellationToken)
            ?? throw RuntimeException.Rejected("file-missing", $"the contents of file {fileId} are missing from the store: the integrity check reports it");
        db.FileAccess.Add(new FileAccessRecord { FileId = file.Id, DossierId = dossierId.Value, At = time.GetUtcNow().UtcDateTime, Actor = actor,
            Action = download ? "download" : "view" });
        await db.SaveChangesAsync(cancellationToken);
        return (file, content);
    }

    /// <summary>Withdraws a file with the reason: it is kept and listed as retracted, and no longer counts.</summary>
    public async Task<DossierFileRecord> RetractAsync(DossierId dossierId, Guid fileId, string reason, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            throw RuntimeException.Invalid("reason", "the reason for retracting the file is required (at most 1000 characters) / cần nêu lý do");
        }
        var file = await db.DossierFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.DossierId == dossierId.Value, cancellationToken)
            ?? throw RuntimeException.NotFound("file", fileId);
        if (file.RetractedAt is not null || file.Component == Result)
        {
            throw RuntimeException.Rejected("file-not-retractable", file.Component == Result
                ? "a signed result is not retracted like a scan" : $"file {fileId} was already retracted");
        }
        var now = time.GetUtcNow().UtcDateTime;
        file.RetractedAt = now;
        file.RetractedBy = actor;
        file.RetractionReason = reason.Trim();
        db.FileAccess.Add(new FileAccessRecord { FileId = file.Id, DossierId = dossierId.Value, At = now, Actor = actor, Action = "retract" });
        await store.SaveAsync(dossierId, async tracked => tracked.Digitized = await DigitizedAsync(tracked, cancellationToken), cancellationToken);
        return file;
    }

    /// <summary>The required components with neither a kept file nor a national database behind them: what the clerk must still scan.</summary>
    public static IReadOnlyList<string> Missing(Procedure? procedure, DossierRecord dossier, IEnumerable<DossierFileRecord> files)
    {
        if (procedure is null)
        {
            return [];
        }
        var presented = System.Text.Json.JsonSerializer.Deserialize<List<PresentedDocument>>(dossier.DocumentsJson, Json) ?? [];
        var covered = files.Where(f => f.RetractedAt is null).Select(f => f.Component)
            .Concat(presented.Where(p => p.FromNationalDatabase).Select(p => p.Id)).ToHashSet();
        return procedure.Documents.Where(d => d.Required && !covered.Contains(d.Id)).Select(d => d.Id).ToList();
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    private async Task<bool> DigitizedAsync(DossierRecord dossier, CancellationToken cancellationToken)
    {
        var files = await db.DossierFiles.AsNoTracking().Where(f => f.DossierId == dossier.Id && f.RetractedAt == null).ToListAsync(cancellationToken);
        // The rows of this unit of work first: they hold the change not yet written (a file added, a file retracted).
        var current = db.DossierFiles.Local.Where(f => f.DossierId == dossier.Id);
        return Missing(catalog.Find(dossier.ProcedureCode), dossier, current.Concat(files).DistinctBy(f => f.Id).Where(f => f.RetractedAt is null)).Count == 0;
    }

    private static bool AcceptsFiles(DossierStatus status) =>
        status is not (DossierStatus.Guided or DossierStatus.NotAccepted or DossierStatus.Stopped or DossierStatus.Returned);

    private async Task<long> KeptBytesAsync(DossierId dossierId, CancellationToken cancellationToken) =>
        await db.DossierFiles.Where(f => f.DossierId == dossierId.Value && f.RetractedAt == null).SumAsync(f => (long?)f.Size, cancellationToken) ?? 0;
}
