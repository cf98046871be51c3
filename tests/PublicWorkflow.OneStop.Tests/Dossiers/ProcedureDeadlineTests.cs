using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Tests.Support;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Tests;
using PublicWorkflow.Runtime.Tests.Support;
using static PublicWorkflow.Runtime.Tests.Support.ManualClock;

namespace PublicWorkflow.OneStop.Tests.Dossiers;

/// <summary>A procedure may set its own SLA warning and escalation ladder (issue 13); the defaults stay the center's practice.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class ProcedureDeadlineTests(string provider) : DossierSuite(provider)
{
    /// <summary>The repository's catalog, with the marital-status certificate warning at half time and escalating after two working days.</summary>
    private static readonly Lazy<ProcedureCatalog> Edited = new(() =>
    {
        var folder = CatalogCopies.Make();
        var path = Path.Combine(folder, "procedures", "marital-status-certificate.json");
        var text = File.ReadAllText(path);
        var edited = text.Replace("\"workflow\":", "\"deadlines\": { \"warningShare\": 0.5, \"supervisorAfterWorkingDays\": 2 },\n \"workflow\":");
        Assert.That(edited, Is.Not.EqualTo(text));
        File.WriteAllText(path, edited);
        return ProcedureCatalog.Load(folder, Repo.Workflows);
    });

    protected override void AddServices(IServiceCollection services) => services.AddSingleton(Edited.Value);

    [Test]
    public async Task The_warning_and_the_supervisor_come_when_the_procedure_says()
    {
        Assert.That(Edited.Value.Find("1.004873")!.DeadlineRules, Is.EqualTo(new DeadlineRules(0.5m, 2)));
        var outcome = await ReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")));
        var dossierId = outcome.DossierId.Value;
        Assert.That(outcome.Appointment, Is.EqualTo(Hanoi(2026, 10, 8, 17)));

        var warning = await Host.DbAsync(db => db.DossierDeadlines.AsNoTracking().SingleAsync(d => d.DossierId == dossierId && d.Kind == DeadlineKind.SlaWarning));
        Assert.That(warning.DueAt, Is.EqualTo(Hanoi(2026, 10, 7, 8, 30).UtcDateTime), "half of the 31 office hours, not three quarters");

        // The first step (due the day of receipt) is not done: overdue on Tuesday, the supervisor hears two working days later.
        clock.Set(Hanoi(2026, 10, 6, 9));
        await Host.InScopeAsync(p => p.GetRequiredService<DossierDeadlines>().RaiseDueAsync(clock.GetUtcNow()));
        var supervisor = await Host.DbAsync(db => db.DossierDeadlines.AsNoTracking()
            .SingleAsync(d => d.DossierId == dossierId && d.Kind == DeadlineKind.StepOverdueSupervisor));
        var overdue = await Host.DbAsync(db => db.DossierDeadlines.AsNoTracking().SingleAsync(d => d.DossierId == dossierId && d.Kind == DeadlineKind.StepOverdue));
        Assert.That(overdue.DueAt, Is.EqualTo(Hanoi(2026, 10, 5, 17).UtcDateTime));
        Assert.That(supervisor.DueAt, Is.EqualTo(Hanoi(2026, 10, 7, 17).UtcDateTime), "two working days after the step was due");
    }

    [TestCase("\"deadlines\": { \"warningShare\": 1.5 },", "deadlines.warningShare")]
    [TestCase("\"deadlines\": { \"supervisorAfterWorkingDays\": 2.5 },", "deadlines.supervisorAfterWorkingDays")]
    public void A_bad_setting_is_reported_and_the_procedure_not_loaded(string setting, string field)
    {
        var folder = CatalogCopies.Make();
        var path = Path.Combine(folder, "procedures", "marital-status-certificate.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"workflow\":", setting + "\n \"workflow\":"));
        var catalog = ProcedureCatalog.Load(folder, Repo.Workflows);
        Assert.That(catalog.Find("1.004873"), Is.Null);
        Assert.That(catalog.Problems.Select(p => p.Field), Does.Contain(field));
    }
}
