namespace PublicWorkflow.OneStop.Persistence.Entities;

/// <summary>
/// A file of a dossier: which component it belongs to (a document id of the procedure, or <c>result</c>), what it
/// really is, its hash (the name of its contents in the blob store), who added it and when. A file is never deleted:
/// a retraction records who withdrew it and why, and it stops counting.
/// </summary>
public sealed class DossierFileRecord
{
    public Guid Id { get; set; }
    public Guid DossierId { get; set; }
    public required string Component { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public int? Pages { get; set; }
    /// <summary>upload, result, or reused (taken from the citizen's earlier dossier: <see cref="ReusedFrom"/>).</summary>
    public required string Source { get; set; }
    public Guid? ReusedFrom { get; set; }
    public required string AddedBy { get; set; }
    public DateTime AddedAt { get; set; }
    public DateTime? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }
}

/// <summary>One line of the files' audit trail: who uploaded, viewed, downloaded or retracted which file, when.</summary>
public sealed class FileAccessRecord
{
    public long Id { get; set; }
    public Guid FileId { get; set; }
    public Guid DossierId { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
}

/// <summary>A chunk of a file's contents kept in the database (the database blob store).</summary>
public sealed class DocumentChunkRecord
{
    public required string Sha256 { get; set; }
    public int Index { get; set; }
    public required byte[] Bytes { get; set; }
}

/// <summary>
/// A signed electronic result: its number in the issuing agency's register, the signer, and the file. One per dossier;
/// the number is unique, so the public verification page finds it by number or by the file's hash.
/// </summary>
public sealed class DossierResultRecord
{
    public Guid DossierId { get; set; }
    public required string Number { get; set; }
    public required string AgencyCode { get; set; }
    public DateTime IssuedAt { get; set; }
    public required string SignerName { get; set; }
    public required string SignerTitle { get; set; }
    public Guid FileId { get; set; }
    public required string Sha256 { get; set; }
    public required string CertificateThumbprint { get; set; }
}

/// <summary>One run of the integrity check: how many files were read, and which were missing or altered.</summary>
public sealed class FileCheckRecord
{
    public long Id { get; set; }
    public DateTime CheckedAt { get; set; }
    public int Files { get; set; }
    public int Missing { get; set; }
    public int Altered { get; set; }
    /// <summary>The first problems, as "sha256: missing|altered" lines.</summary>
    public string? Detail { get; set; }
}
