using PublicWorkflow.OneStop.Tests.Support;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.OneStop.Tests.Catalog;

/// <summary>The seeded catalog and structure, and how a bad catalog file is reported.</summary>
public sealed class CatalogTests
{
    private static ProcedureCatalog Catalog => RuntimeHost.Catalog;

    [Test]
    public void The_seeded_catalog_loads_without_a_problem_and_every_procedure_runs_a_valid_workflow()
    {
        Assert.That(Catalog.Problems, Is.Empty);
        Assert.That(Catalog.Procedures, Has.Count.GreaterThanOrEqualTo(20));
        Assert.That(Catalog.Procedures.Select(p => p.Workflow).Distinct(), Is.SubsetOf(Catalog.WorkflowFiles.Keys));
        Assert.That(Catalog.Procedures.Select(p => p.Sector).Distinct().Count(), Is.GreaterThanOrEqualTo(10), "across sectors");
        Assert.That(Catalog.Procedures.Select(p => p.Code), Is.SupersetOf(new[]
        {
            "1.001193", "2.000815", "1.004222", "1.001612", "1.013225", "1.013978", "3.000333", "1.000894",
        }), "the procedures the issue names");
    }

    [Test]
    public void Both_structures_are_seeded_with_their_dates()
    {
        var structure = Catalog.Structure;
        var june = new DateOnly(2025, 6, 30);
        var july = new DateOnly(2025, 7, 1);
        Assert.Multiple(() =>
        {
            Assert.That(structure.Units.Count(u => u.Level == "district" && u.Validity.Covers(june)), Is.EqualTo(30), "30 district-level units until 30/6/2025");
            Assert.That(structure.Units.Count(u => u.Level == "district" && u.Validity.Covers(july)), Is.Zero, "the district level is gone from 1/7/2025");
            Assert.That(structure.Units.Count(u => u.Level == "commune" && u.Validity.Covers(july)), Is.EqualTo(126));
            Assert.That(structure.Units.Count(u => u.Kind == "ward" && u.Validity.Covers(july)), Is.EqualTo(51));
            Assert.That(structure.Units.Count(u => u.Kind == "commune" && u.Validity.Covers(july)), Is.EqualTo(75));
            Assert.That(structure.Level("district", july), Is.Null);
            Assert.That(structure.Branches.Count(b => b.Kind == PointKind.Branch && b.Validity.Covers(july)), Is.EqualTo(12),
                "12 main branches (nhandan, 1/7/2025); the invented reception points DT13–DT30 are gone");
            Assert.That(structure.Branches.Count(b => b.Kind == PointKind.CommunePoint && b.Validity.Covers(july)), Is.EqualTo(126),
                "a commune-level service center in each of the 126 wards and communes");
            Assert.That(structure.Branches.Count(b => b.Kind == PointKind.CommunePoint && b.Validity.Covers(june)), Is.Zero, "none before the two-tier reform");
            Assert.That(structure.Branches.Single(b => b.Kind == PointKind.Headquarters).Address, Does.Contain("197 Nghi Tàm"));
            Assert.That(structure.Branches.Where(b => !b.Verified).Select(b => b.Code), Is.EquivalentTo(structure.Branches.Select(b => b.Code)),
                "the network is flagged: the sources disagree on its size");
            Assert.That(structure.Agencies.Where(a => a.Vertical && a.Validity.Covers(july)).Select(a => a.Kind).Distinct(),
                Is.SupersetOf(new[] { "police", "tax" }), "vertically organised agencies in the city");
            Assert.That(structure.AgencyOf("people-committee", "P.HOANKIEM", july)?.Code, Is.EqualTo("UB.P.HOANKIEM"));
        });
    }

    [Test]
    public void The_facts_marked_unverified_in_the_reference_stay_unverified()
    {
        var death = Catalog.Find("1.000656")!;
        var permit = Catalog.Find("1.013225")!;
        Assert.Multiple(() =>
        {
            Assert.That(death.TimeLimits.Single().Verified, Is.False);
            Assert.That(permit.Fee.Kind, Is.EqualTo(FeeKind.Unknown), "set by the city council, amount not found: nothing invented");
            Assert.That(permit.TimeLimitOn(new DateOnly(2026, 7, 7))!.Limit.Amount, Is.EqualTo(7m), "cut to 7 working days in 2026");
            Assert.That(Catalog.Find("3.000333")!.TimeLimits.Single().Limit.Unit, Is.EqualTo(Engine.Model.TimeLimitUnit.CalendarDays));
            Assert.That(Catalog.Find("1.004222")!.HasUnverifiedFacts, Is.True, "its online level is not known");
        });
    }

    [Test]
    public void A_catalog_file_with_a_bad_field_is_reported_by_file_field_and_reason_and_not_loaded()
    {
        var folder = CatalogCopies.Make();
        try
        {
            var path = Path.Combine(folder, "procedures", "permanent-residence.json");
            var text = File.ReadAllText(path)
                .Replace("\"unit\": \"workingDays\"", "\"unit\": \"weeks\"")
                .Replace("\"copies\": 1", "\"copies\": \"one\"");
            File.WriteAllText(path, text);
            File.WriteAllText(Path.Combine(folder, "procedures", "broken.json"), "{ \"code\": ");

            var catalog = ProcedureCatalog.Load(folder, Repo.Workflows);

            Assert.That(catalog.Find("1.004222"), Is.Null, "a bad entry is not loaded");
            Assert.That(catalog.Procedures, Has.Count.EqualTo(Catalog.Procedures.Count - 1), "the others still are");
            Assert.That(catalog.Problems, Has.Some.Matches<CatalogProblem>(p =>
                p.File == "procedures/permanent-residence.json" && p.Field == "timeLimits[0].unit" && p.Reason.Contains("'weeks' is not one of")));
            Assert.That(catalog.Problems, Has.Some.Matches<CatalogProblem>(p =>
                p.File == "procedures/permanent-residence.json" && p.Field == "documents[0].copies" && p.Reason == "must be a number, not a string"));
            Assert.That(catalog.Problems, Has.Some.Matches<CatalogProblem>(p => p.File == "procedures/broken.json" && p.Reason.StartsWith("is not valid JSON")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_procedure_naming_a_missing_workflow_or_agency_is_refused()
    {
        var folder = CatalogCopies.Make();
        try
        {
            var path = Path.Combine(folder, "procedures", "passport.json");
            File.WriteAllText(path, File.ReadAllText(path).Replace("\"one-stop-standard\"", "\"no-such-flow\"").Replace("\"CATP\"", "\"NOPE\""));
            var problems = ProcedureCatalog.Load(folder, Repo.Workflows).Problems;
            Assert.That(problems.Select(p => p.Field), Is.SupersetOf(new[] { "workflow", "resolvedBy[0].agency" }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_workflow_with_a_stage_outside_the_vocabulary_is_refused_with_its_procedures_not_silently_read_as_unmarked()
    {
        var workflows = Path.Combine(Path.GetTempPath(), "pwf-workflows-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workflows);
        try
        {
            foreach (var file in Directory.GetFiles(Repo.Workflows, "*.bpmn"))
            {
                File.Copy(file, Path.Combine(workflows, Path.GetFileName(file)));
            }
            var edited = Path.Combine(workflows, "one-stop-standard.bpmn");
            File.WriteAllText(edited, File.ReadAllText(edited).Replace("pwf:stage=\"appraise\"", "pwf:stage=\"apraise\""));

            var catalog = ProcedureCatalog.Load(Path.Combine(Repo.Root, "procedure-catalog"), workflows);

            Assert.That(catalog.Problems, Has.Some.Matches<CatalogProblem>(p =>
                p.File == "workflows/one-stop-standard.bpmn" && p.Field == "Task_Appraise" && p.Reason.Contains("'apraise' is not one of")));
            Assert.That(catalog.Procedures.Select(p => p.Workflow), Has.None.EqualTo("one-stop-standard"));
            Assert.That(catalog.Find("1.001193"), Is.Not.Null, "procedures on other workflows still load");
        }
        finally
        {
            Directory.Delete(workflows, recursive: true);
        }
    }

    /// <summary>Rules start on the law's dates, not 2008 everywhere (issue 13); facts of one source or memory are flagged.</summary>
    [Test]
    public void Competence_changes_on_the_dates_the_law_moved_it()
    {
        var licence = Catalog.Find("3.000347")!;
        var land = Catalog.Find("1.013978")!;
        Assert.Multiple(() =>
        {
            Assert.That(Routing.Resolve(Catalog, licence, new DateOnly(2025, 2, 28), null).Agency.Code, Is.EqualTo("SGTVT"), "the Department of Transport until 28/2/2025");
            Assert.That(Routing.Resolve(Catalog, licence, new DateOnly(2025, 3, 3), null).Agency.Code, Is.EqualTo("CATP"), "the city police from 1/3/2025");
            Assert.That(licence.ResolvingOn(new DateOnly(2025, 2, 28))!.Verified, Is.False, "from knowledge of the text: flagged");
            Assert.That(Routing.Resolve(Catalog, land, new DateOnly(2025, 6, 30), "P.HANGBAC.HOANKIEM").Agency.Code, Is.EqualTo("UB.Q.HOANKIEM"),
                "the district People's Committee until 30/6/2025");
            Assert.That(Routing.Resolve(Catalog, land, new DateOnly(2025, 7, 1), "P.HOANKIEM").Agency.Code, Is.EqualTo("UB.P.HOANKIEM"));
            Assert.That(Catalog.Structure.Agency("SGTVT", new DateOnly(2025, 3, 1)), Is.Null, "merged on 1/3/2025");
            Assert.That(Catalog.Structure.Agencies.Any(a => a.Kind == "police" && a.Level == "district"), Is.True, "district police, as before 1/7/2025");
            Assert.That(Routing.Resolve(Catalog, Catalog.Find("1.004222")!, new DateOnly(2021, 7, 1), "P.HANGBAC.HOANKIEM").Agency.Kind, Is.EqualTo("police"),
                "residence: the commune police from the Law on Residence 2020 (1/7/2021)");
            Assert.That(Catalog.Find("1.004222")!.ResolvingOn(new DateOnly(2021, 6, 30)), Is.Null, "before it: not in the catalog, so not received rather than misrouted");
            Assert.That(Catalog.Find("1.001456")!.Delivery, Does.Not.Contain(DeliveryOption.Online), "a passport is a physical document");
            Assert.That(licence.Delivery, Does.Not.Contain(DeliveryOption.Online), "so is a driving licence");
        });
    }
}
