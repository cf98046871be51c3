using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Tests;
using PublicWorkflow.Runtime.Tests.Support;
using static PublicWorkflow.Runtime.Tests.Support.ManualClock;

namespace PublicWorkflow.OneStop.Tests.Support;

/// <summary>
/// Whole dossiers through the real runtime on a clock the test sets: every test starts on Monday 5/10/2026 09:00 with
/// the catalog's workflows published; helpers receive at branch CN01, complete steps at given moments and print papers.
/// </summary>
public abstract class DossierSuite(string provider) : RuntimeSuite(provider)
{
    protected readonly ManualClock clock = new(Hanoi(2026, 10, 5, 9));

    protected override TimeProvider Clock => clock;

    protected override bool ProcessJobs => false;

    [SetUp]
    public Task PublishCatalogAsync()
    {
        // NUnit keeps one fixture instance for all its tests.
        clock.Set(Hanoi(2026, 10, 5, 9));
        return Host.InScopeAsync(p => p.GetRequiredService<CatalogImport>().PublishWorkflowsAsync(p.GetRequiredService<ProcedureCatalog>()));
    }

    protected static ReceptionRequest Request(string procedure, string? locality, params PresentedDocument[] documents) =>
        new(procedure, DossierChannel.Counter, "CN01", locality, new Applicant("Nguyễn Văn An", "001090000001", "0912345678", null, "Hà Nội"),
            documents, DeliveryOption.Branch);

    protected Task<ReceptionOutcome> ReceiveAsync(ReceptionRequest request) =>
        Host.InScopeAsync(p => p.GetRequiredService<ReceiveDossier>().ReceiveAsync(request, "clerk-cn01"));

    protected Task<DossierRecord> DossierAsync(Guid id) => Host.DbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == id));

    protected async Task CompleteStepAsync(Guid caseId, string element, DateTimeOffset at, object? outputs, string actor)
    {
        clock.Set(at);
        var task = await OpenTaskAsync(new CaseId(caseId), element);
        await CompleteAsync(task.Id, outputs, actor);
    }

    protected Task<string> PaperAsync(DossierDocumentKind kind, Guid dossierId) => Host.InScopeAsync(async p =>
    {
        var service = p.GetRequiredService<DossierStore>();
        var dossier = await service.DossierAsync(new DossierId(dossierId));
        return p.GetRequiredService<DossierDocuments>().Render(kind, dossier, await service.TrackingSheetAsync(new DossierId(dossierId)), new Uri("http://127.0.0.1:5080/track"));
    });
}
