using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>
/// The applicant: personal data, shown to staff only and never on the public side. <paramref name="NotifyBy"/> are the
/// channels they chose for messages (email, sms); null: every channel they gave an address for. <paramref name="Language"/>: vi or en.
/// </summary>
public sealed record Applicant(string FullName, string? IdNumber = null, string? Phone = null, string? Email = null, string? Address = null,
    IReadOnlyList<string>? NotifyBy = null, string? Language = null);

/// <summary>
/// A document the applicant handed in, one the center took from a national database instead (its reference there, and
/// whether that came from the simulated database), or a file from the applicant's data store standing in for it.
/// </summary>
public sealed record PresentedDocument(string Id, int Copies = 1, int Pages = 0, bool FromNationalDatabase = false, Guid? ReusedFileId = null,
    string? NationalReference = null, bool NationalReferenceIsFake = false)
{
    /// <summary>Not asked of the citizen again: taken from a database or reused from their data store (the 766 reuse indicator).</summary>
    public bool Reused => FromNationalDatabase || ReusedFileId is not null;
}

/// <summary>A dossier as the receiving clerk (or the online form) hands it in.</summary>
/// <param name="ReceivedAt">
/// When a paper dossier (counter, post) was really received, if the clerk enters it later (back-office entry); the
/// appointment counts from it. Now when not given; never for an online filing, whose time is its arrival.
/// </param>
public sealed record ReceptionRequest(
    string ProcedureCode,
    DossierChannel Channel,
    string? BranchCode,
    string? Locality,
    Applicant Applicant,
    IReadOnlyList<PresentedDocument> Documents,
    DeliveryOption Delivery,
    int Copies = 1,
    DateTimeOffset? ReceivedAt = null);

/// <summary>A clerk's decision on an online filing: accept (after the completeness check), guide with what is wanting, refuse with the reasons.</summary>
public sealed record OnlineReview(string Decision, IReadOnlyList<string>? Items = null)
{
    public const string Accept = "accept";
    public const string GuideDecision = "guide";
    public const string RefuseDecision = "refuse";
    public static readonly OnlineReview Check = new(Accept);
}

/// <summary>What reception did; <see cref="OpenedTasks"/> are the first steps of an accepted dossier's case.</summary>
public sealed record ReceptionOutcome(DossierId DossierId, string? Code, DossierStatus Status, DateTimeOffset? Appointment, IReadOnlyList<string> Missing, decimal? Fee,
    IReadOnlyList<TaskId> OpenedTasks, string? LookupKey = null, IReadOnlyList<string>? RefusalReasons = null)
{
    /// <summary>Why a dossier was refused at reception (form 03); empty otherwise.</summary>
    public IReadOnlyList<string> Reasons => RefusalReasons ?? [];
}

/// <summary>Something the applicant must still supply: one of the procedure's documents (its id), or an officer's free text.</summary>
public sealed record MissingItem(string? DocumentId, string Text);

/// <summary>
/// The receiving clerk's check against the procedure's required documents: everything missing is listed at once, so
/// the applicant comes back one time, not once per missing paper.
/// </summary>
public static class Reception
{
    /// <summary>Checks the documents themselves; throws for a document the procedure does not know or cannot fetch.</summary>
    public static List<MissingItem> Missing(Procedure procedure, IReadOnlyList<PresentedDocument> documents)
    {
        for (var i = 0; i < documents.Count; i++)
        {
            var presented = documents[i];
            var known = procedure.Documents.FirstOrDefault(d => d.Id == presented.Id)
                ?? throw RuntimeException.Invalid($"documents[{i}].id", $"procedure {procedure.Code} asks for no document '{presented.Id}'");
            if (presented.FromNationalDatabase && known.FetchableFrom is null)
            {
                throw RuntimeException.Invalid($"documents[{i}].fromNationalDatabase", $"'{presented.Id}' cannot be taken from a national database");
            }
            if (presented.Copies < 1 || presented.Pages < 0)
            {
                throw RuntimeException.Invalid($"documents[{i}].copies", "copies must be at least 1 and pages not negative");
            }
        }
        var missing = new List<MissingItem>();
        foreach (var required in procedure.Documents.Where(d => d.Required))
        {
            var presented = documents.Where(d => d.Id == required.Id).ToList();
            if (presented.Count == 0)
            {
                missing.Add(new MissingItem(required.Id, $"{required.Name.Vi} / {required.Name.En}"));
            }
            else if (!presented.Any(p => p.Reused) && presented.Sum(p => p.Copies) < required.Copies)
            {
                missing.Add(new MissingItem(required.Id, $"{required.Name.Vi}: cần {required.Copies} bản / {required.Name.En}: {required.Copies} copies needed"));
            }
        }
        return missing;
    }
}

/// <summary>
/// A dossier as the citizen holding its code and lookup key may see it: no applicant, no staff, no documents. The key
/// is read only to compare it with what the citizen typed.
/// </summary>
public sealed record PublicDossierView(string Code, string? LookupKey, string ProcedureCode, DossierStatus Status, string? AgencyCode, DateTime ReceivedAt,
    DateTime? AppointmentAt, DateTime? AppointmentBeforeApology, DateTime? ResolvedAt, DateTime? ClockPausedAt, DateTime? RatedAt,
    string? CurrentStep, string? CurrentLevel, string? MissingJson, string? MissingDocumentsJson)
{
    /// <summary>
    /// What the applicant is asked to supply, as the public may see it: the procedure's documents by id, and how many
    /// further items the officer wrote in free text (shown only on the paper: free text may hold personal data).
    /// </summary>
    public (IReadOnlyList<string> DocumentIds, int OtherItems) PublicMissing()
    {
        if (Status != DossierStatus.SupplementRequested || MissingJson is null)
        {
            return ([], 0);
        }
        var ids = MissingDocumentsJson is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(MissingDocumentsJson) ?? [];
        var all = System.Text.Json.JsonSerializer.Deserialize<List<string>>(MissingJson)?.Count ?? 0;
        return (ids, Math.Max(0, all - ids.Count));
    }
}
