using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Measures;
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

    /// <summary>
    /// The indicators as asked, checked against a count from the dossiers themselves: answered now (kept sums and the
    /// changes since the last fold, or a count before any), then folded and answered again. Every grouping and a period
    /// across month ends are checked the same way; the question's own answer is returned.
    /// </summary>
    protected async Task<IReadOnlyList<ServiceQuality>> MeasuresAsync(MeasureFilter filter, MeasureGrouping grouping)
    {
        var shifted = filter with { From = filter.From.AddDays(4), To = filter.To.AddDays(20) };
        var questions = new[] { (filter, grouping) }
            .Concat(new[] { filter, shifted, shifted with { AgencyCode = null, Level = null, BranchCode = null, ProcedureCode = null } }
                .SelectMany(f => Enum.GetValues<MeasureGrouping>().Select(g => (f, g)))).ToList();
        var expected = new List<IReadOnlyList<ServiceQuality>>();
        foreach (var (f, g) in questions)
        {
            expected.Add(await Host.InScopeAsync(p => p.GetRequiredService<ServiceQualityMeasures>().CountAsync(f, g)));
        }
        await CheckMeasuresAsync("before the fold");
        await FoldIndicatorsAsync();
        await CheckMeasuresAsync("after the fold");
        return expected[0];

        async Task CheckMeasuresAsync(string when)
        {
            for (var i = 0; i < questions.Count; i++)
            {
                var (f, g) = questions[i];
                var answer = await Host.InScopeAsync(p => p.GetRequiredService<ServiceQualityMeasures>().ComputeAsync(f, g));
                Assert.That(answer, Is.EqualTo(expected[i]), $"{when}: {f} by {g}");
            }
        }
    }

    protected Task FoldIndicatorsAsync() => Host.InScopeAsync(p => p.GetRequiredService<IndicatorSums>().FoldAsync(clock.GetUtcNow().UtcDateTime));

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
