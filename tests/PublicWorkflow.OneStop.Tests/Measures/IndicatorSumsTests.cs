using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Measures;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Tests.Support;
using static PublicWorkflow.Runtime.Tests.Support.ManualClock;

namespace PublicWorkflow.OneStop.Tests.Measures;

/// <summary>
/// The indicators kept as sums (issue 17): they follow every change through the marks, follow time passing an
/// appointment with no change at all, are counted again when what they depend on changes, and two folds at once count
/// each change once. Every answer is checked against a count from the dossiers themselves.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class IndicatorSumsTests(string provider) : DossierSuite(provider)
{
    private static readonly MeasureFilter October = new(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31));

    [Test]
    public async Task Kept_sums_follow_each_change_and_an_appointment_passing()
    {
        var residence = await ReceiveAsync(Request("1.004222", "P.HOANKIEM", new PresentedDocument("ct01"), new PresentedDocument("accommodation-proof")));
        await ReceiveAsync(Request("1.004873", "X.THANHTRI", new PresentedDocument("declaration")));
        var first = (await MeasuresAsync(October, MeasureGrouping.None)).Single();
        Assert.That((first.Received, first.Pending, first.PendingNotOverdueRate), Is.EqualTo((2, 2, 1m)));
        Assert.That(await Host.DbAsync(db => db.IndicatorMarks.CountAsync()), Is.Zero, "the fold took every mark");
        var folded = await Host.DbAsync(db => db.IndicatorState.AsNoTracking().SingleAsync());
        await FoldIndicatorsAsync();
        Assert.That((await Host.DbAsync(db => db.IndicatorState.AsNoTracking().SingleAsync())).Revision, Is.EqualTo(folded.Revision),
            "a sweep with nothing changed writes nothing (and does not count everything again)");

        var caseId = (await DossierAsync(residence.DossierId.Value)).CaseId!.Value;
        await CompleteStepAsync(caseId, "Task_Digitize", Hanoi(2026, 10, 5, 9, 30), null, "clerk-cn01");
        await CompleteStepAsync(caseId, "Task_Appraise", Hanoi(2026, 10, 6, 10), new { decision = "approve" }, "officer-ca");
        await CompleteStepAsync(caseId, "Task_Decide", Hanoi(2026, 10, 6, 11), null, "chief-ca");
        Assert.That(await Host.DbAsync(db => db.IndicatorMarks.CountAsync()), Is.Positive, "each change marked its dossier");
        var resolved = (await MeasuresAsync(October, MeasureGrouping.None)).Single();
        Assert.That((resolved.Resolved, resolved.OnTimeRate, resolved.Pending), Is.EqualTo((1, 1m, 1)));

        var pending = await Host.DbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.ResolvedAt == null).SingleAsync());
        clock.Set(new DateTimeOffset(pending.AppointmentAt!.Value, TimeSpan.Zero).AddHours(1));
        Assert.That(await Host.DbAsync(db => db.IndicatorMarks.CountAsync()), Is.Zero, "time passing changes no row");
        var overdue = (await MeasuresAsync(October, MeasureGrouping.None)).Single();
        Assert.That((overdue.Pending, overdue.PendingNotOverdueRate), Is.EqualTo((1, 0m)), "the appointment passed: pending and overdue");
    }

    [Test]
    public async Task Sums_kept_under_other_fees_or_another_calendar_are_not_used_until_counted_again()
    {
        await ReceiveAsync(Request("1.004873", "X.THANHTRI", new PresentedDocument("declaration")));
        await FoldIndicatorsAsync();
        await Host.DbAsync(db => db.IndicatorState.ExecuteUpdateAsync(s => s.SetProperty(x => x.Fingerprint, "kept-under-another-catalog")));
        await ReceiveAsync(Request("1.004194", "P.HOANKIEM", new PresentedDocument("ct01"), new PresentedDocument("accommodation-proof")));

        var answer = await Host.InScopeAsync(p => p.GetRequiredService<ServiceQualityMeasures>().ComputeAsync(October, MeasureGrouping.Agency));
        Assert.That(answer, Is.EqualTo(await Host.InScopeAsync(p => p.GetRequiredService<ServiceQualityMeasures>().CountAsync(October, MeasureGrouping.Agency))));
        await FoldIndicatorsAsync();
        var state = await Host.DbAsync(db => db.IndicatorState.AsNoTracking().SingleAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(state.Fingerprint, Is.Not.EqualTo("kept-under-another-catalog"), "counted again under today's catalog and calendar");
            Assert.That(await Host.DbAsync(db => db.DossierTallies.CountAsync()), Is.EqualTo(2));
            Assert.That(await Host.DbAsync(db => db.IndicatorMarks.CountAsync()), Is.Zero);
        });
        var fees = (await MeasuresAsync(October, MeasureGrouping.None)).Single();
        Assert.That((fees.Received, fees.FeeBearing), Is.EqualTo((2, 2)),
            "both charge by the catalog: temporary residence a fixed fee, the marital-status certificate one the city sets");
    }

    [Test]
    public async Task Two_folds_at_once_count_each_change_once()
    {
        await ReceiveAsync(Request("1.004873", "X.THANHTRI", new PresentedDocument("declaration")));
        await FoldIndicatorsAsync();
        for (var i = 0; i < 4; i++)
        {
            await ReceiveAsync(Request("1.004194", "P.HOANKIEM", new PresentedDocument("ct01"), new PresentedDocument("accommodation-proof")));
        }
        var now = clock.GetUtcNow();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Host.InScopeAsync(p => p.GetRequiredService<IndicatorSums>().RunDueAsync(now))));
        await FoldIndicatorsAsync();

        var dayRows = await Host.DbAsync(db => db.IndicatorSums.Where(s => s.Dimension == IndicatorDimension.All && s.Span == IndicatorSpan.Day).SumAsync(s => s.Received));
        Assert.That(dayRows, Is.EqualTo(5), "five dossiers, each counted once");
        var answer = (await MeasuresAsync(October, MeasureGrouping.Branch)).Single();
        Assert.That((answer.Group, answer.Received), Is.EqualTo(("CN01", 5)));
    }
}
