using System.Text.Json;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>The applicant brings what was asked for; the case goes on from its supplement step and the clock resumes.</summary>
public sealed class SupplementDossier(DossierStore store, ApplicantSteps applicantSteps)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The applicant brings what was asked for: the case goes on from its supplement step.</summary>
    public async Task<DossierRecord> DeliverAsync(DossierId dossierId, IReadOnlyList<PresentedDocument> documents, string actor, CancellationToken cancellationToken = default)
    {
        var dossier = await store.DossierAsync(dossierId, cancellationToken);
        if (dossier.Status != DossierStatus.SupplementRequested)
        {
            throw RuntimeException.Rejected("no-supplement-requested", $"dossier {dossier.Code} is not waiting for a supplement");
        }
        var all = JsonSerializer.Deserialize<List<PresentedDocument>>(dossier.DocumentsJson, Json)!.Concat(documents).ToList();
        var payload = new Dictionary<string, JsonElement> { ["supplementedDocuments"] = JsonSerializer.SerializeToElement(documents.Select(d => d.Id), Json) };
        await applicantSteps.AdvanceAsync(dossier, "supplement", payload, actor, tracked =>
        {
            tracked.DocumentsJson = JsonSerializer.Serialize(all, Json);
            tracked.DocumentsReused = all.Count(d => d.FromNationalDatabase);
        }, cancellationToken);
        return await store.DossierAsync(dossierId, cancellationToken);
    }
}
