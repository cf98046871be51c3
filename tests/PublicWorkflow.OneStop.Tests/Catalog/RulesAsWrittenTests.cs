using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.OneStop.Tests.Support;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Tests.Support;
using static PublicWorkflow.Runtime.Tests.Support.ManualClock;

namespace PublicWorkflow.OneStop.Tests.Catalog;

/// <summary>
/// The catalog's rules as the law writes them (issue 13): effective dates, competence by procedure, the reception
/// network, the form sets, official identifiers; each fact from memory or one source is flagged unverified.
/// </summary>
public sealed class RulesAsWrittenTests
{
    private static ProcedureCatalog Catalog => RuntimeHost.Catalog;

    private readonly DossierClock clock = new(WorkingCalendar.BuiltIn);

    [Test]
    public void Identity_cards_were_the_district_police_s_until_the_district_level_ended_and_exist_under_this_code_from_the_Law_on_Identity()
    {
        var card = Catalog.Find("1.014061")!;
        Assert.Multiple(() =>
        {
            Assert.That(Routing.Resolve(Catalog, card, new DateOnly(2025, 6, 30), "P.HANGBAC.HOANKIEM").Agency.Code, Is.EqualTo("CA.Q.HOANKIEM"));
            Assert.That(Routing.Resolve(Catalog, card, new DateOnly(2025, 7, 1), "P.HOANKIEM").Agency.Code, Is.EqualTo("CA.P.HOANKIEM"));
            Assert.That(card.ResolvingOn(new DateOnly(2024, 6, 30)), Is.Null, "before the Law on Identity (1/7/2024) the code did not exist");
            Assert.That((card.CodeInForceOn(new DateOnly(2024, 6, 30)), card.CodeInForceOn(new DateOnly(2024, 7, 1))), Is.EqualTo((false, true)));
            Assert.That(card.ResolvedBy.All(r => !r.Verified) && card.CodeSince!.Verified == false, Is.True, "from knowledge of the text: flagged");
            Assert.That(Catalog.Find("1.012575")!.ResolvingOn(new DateOnly(2023, 8, 14)), Is.Null, "commune police register vehicles from 15/8/2023");
            Assert.That(Catalog.Find("1.013978")!.CodeInForceOn(new DateOnly(2024, 7, 31)), Is.False, "the land code follows the Land Law 2024");
        });
    }

    [Test]
    public void Unemployment_benefit_and_work_permits_run_the_limit_in_force_on_the_day_of_receipt()
    {
        var benefit = Catalog.Find("1.014748")!;
        var permit = Catalog.Find("1.014199")!;
        Assert.Multiple(() =>
        {
            Assert.That(clock.AppointmentFor(benefit, Hanoi(2025, 12, 1, 9)).At, Is.EqualTo(Hanoi(2025, 12, 22, 17)),
                "Employment Law 2013: 20 days from Monday 1/12/2025 end on Sunday 21/12, so the next working day");
            Assert.That(clock.AppointmentFor(benefit, Hanoi(2026, 1, 5, 9)).At, Is.EqualTo(Hanoi(2026, 1, 23, 17)),
                "Employment Law 2025 from 1/1/2026: 15 working days from Monday 5/1/2026, Saturday 10/1 worked in lieu of 2/1: Friday 23/1");
            Assert.That(clock.AppointmentFor(permit, Hanoi(2025, 8, 6, 9)).Rule.Limit.Amount, Is.EqualTo(5m), "Decree 152/2020 until 6/8/2025");
            Assert.That(clock.AppointmentFor(permit, Hanoi(2025, 8, 7, 9)).Rule.Limit.Amount, Is.EqualTo(10m), "Decree 219/2025 from 7/8/2025");
            Assert.That(benefit.TimeLimits.Concat(permit.TimeLimits).All(t => !t.Verified), Is.True);
        });
    }

    [TestCase("1.013225", CompetenceBasis.Plot)]
    [TestCase("1.013978", CompetenceBasis.Plot)]
    [TestCase("1.001612", CompetenceBasis.BusinessSeat)]
    [TestCase("1.004222", CompetenceBasis.NewResidence)]
    [TestCase("1.004194", CompetenceBasis.NewResidence)]
    [TestCase("1.000656", CompetenceBasis.DeceasedResidence)]
    [TestCase("1.000894", CompetenceBasis.EitherPartyResidence)]
    [TestCase("2.000635", CompetenceBasis.RegisterHolder)]
    [TestCase("2.000815", CompetenceBasis.ReceivingPoint)]
    public void Each_local_procedure_names_the_place_its_competence_follows(string code, CompetenceBasis basis)
    {
        var rule = Catalog.Find(code)!.ResolvingOn(new DateOnly(2026, 12, 1))!;
        Assert.That(rule.LocalCompetence!.Basis, Is.EqualTo(basis));
        Assert.That(rule.LocalCompetence.Verified, Is.False, "from knowledge of the law's text: flagged with its note");
        Assert.That(rule.LocalCompetence.Note, Is.Not.Null);
    }

    [Test]
    public void The_reception_form_asks_for_the_place_the_competence_names_and_a_city_procedure_asks_for_none()
    {
        var permit = Catalog.Find("1.013225")!;
        var missing = Assert.Throws<RuntimeException>(() => Routing.Resolve(Catalog, permit, new DateOnly(2026, 12, 1), null));
        Assert.That((missing!.Field, missing.Message), Is.EqualTo(("locality", missing.Message)));
        Assert.That(missing.Message, Does.Contain("where the plot lies").And.Contain("nơi có thửa đất"));
        Assert.That(Catalog.Find("1.001456")!.ResolvingOn(new DateOnly(2026, 12, 1))!.LocalCompetence, Is.Null, "a passport is the city police's: no locality");
        Assert.That(Competence.Name(CompetenceBasis.EitherPartyResidence), Is.EqualTo("either-party-residence"));
    }

    [Test]
    public void A_citizen_finds_the_points_that_receive_a_procedure_with_their_own_ward_s_center_first()
    {
        var day = new DateOnly(2026, 12, 1);
        var birth = ReceptionNetwork.PointsFor(Catalog, Catalog.Find("1.001193"), "P.BACHMAI", day);
        Assert.Multiple(() =>
        {
            Assert.That(birth[0].Point.Code, Is.EqualTo("TT.P.BACHMAI"), "the ward's own service center first");
            Assert.That(birth.Count(c => c.ServesLocality == true), Is.EqualTo(1));
            Assert.That(birth.Select(c => c.Point.Kind).Distinct(), Is.EquivalentTo(new[] { PointKind.CommunePoint, PointKind.Headquarters, PointKind.Branch }));
            var passport = ReceptionNetwork.PointsFor(Catalog, Catalog.Find("1.001456"), "P.BACHMAI", day);
            Assert.That(passport.Select(c => c.Point.Kind), Has.None.EqualTo(PointKind.CommunePoint), "a city procedure is not received at commune centers");
            Assert.That(passport, Has.Count.EqualTo(13), "the headquarters and the 12 branches");
            Assert.That(ReceptionNetwork.PointsFor(Catalog, null, null, new DateOnly(2025, 6, 30)).Select(c => c.Point.Kind),
                Has.None.EqualTo(PointKind.CommunePoint), "no commune center before 1/7/2025");
            var unknown = Assert.Throws<RuntimeException>(() => ReceptionNetwork.PointsFor(Catalog, null, "P.NOWHERE", day));
            Assert.That(unknown!.Field, Is.EqualTo("locality"));
        });
    }

    [Test]
    public void Papers_take_the_form_set_in_force_on_their_date()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Catalog.Forms.On(new DateOnly(2025, 6, 30))!.Code, Is.EqualTo("TT01-2018"));
            Assert.That(Catalog.Forms.On(new DateOnly(2025, 7, 1))!.Code, Is.EqualTo("TT03-2025"));
            Assert.That(Catalog.Forms.On(new DateOnly(2025, 6, 30))!.Forms.ContainsKey("stop-notice"), Is.False, "the 2018 circular had no stop notice");
            Assert.That(Catalog.Forms.On(new DateOnly(2025, 7, 1))!.Forms["apology"].Title, Is.EqualTo("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN"));
            Assert.That(Catalog.Forms.Sets.All(s => !s.Verified), Is.True, "both sets from knowledge of the texts: flagged");
        });
    }

    [Test]
    public void A_paper_of_a_dossier_received_before_the_procedure_s_code_says_so_and_carries_the_forms_of_its_date()
    {
        var dossier = new OneStop.Persistence.Entities.DossierRecord
        {
            Id = Guid.NewGuid(), ProcedureCode = "1.013978", Code = "UB.Q.HOANKIEM-240715-0001", ReceivedAt = Hanoi(2024, 7, 15, 9).UtcDateTime,
            ReceivedBy = "clerk", ApplicantJson = "{\"fullName\":\"Trần Thị Bình\"}", DocumentsJson = "[]", Delivery = "branch",
        };
        var receipt = new DossierDocuments(Catalog, clock).Render(DossierDocumentKind.Receipt, dossier, [], new Uri("http://127.0.0.1/track"));
        Assert.That(receipt, Does.Contain("tiếp nhận trước khi mã 1.013978 có hiệu lực ngày 01/08/2024").And.Contain("Mẫu số 01 — Thông tư 01/2018/TT-VPCP"));
    }

    [Test]
    public void Bad_competence_form_sets_and_identifiers_are_reported_by_file_and_field()
    {
        var folder = CatalogCopies.Make();
        try
        {
            var passport = Path.Combine(folder, "procedures", "passport.json");
            File.WriteAllText(passport, File.ReadAllText(passport).Replace("\"agency\": \"CATP\"", "\"agency\": \"CATP\", \"competence\": { \"basis\": \"plot\" }"));
            var permit = Path.Combine(folder, "procedures", "construction-permit-house.json");
            File.WriteAllText(permit, File.ReadAllText(permit).Replace("\"basis\": \"plot\"", "\"basis\": \"garden\""));
            var forms = Path.Combine(folder, "forms.json");
            File.WriteAllText(forms, File.ReadAllText(forms).Replace("\"to\": \"2025-06-30\"", "\"to\": \"2025-07-31\""));
            var agencies = Path.Combine(folder, "structure", "agencies.json");
            File.WriteAllText(agencies, File.ReadAllText(agencies).Replace("\"code\": \"STP\",", "\"code\": \"STP\", \"electronicId\": \"H26.20\",")
                .Replace("\"code\": \"SXD\",", "\"code\": \"SXD\", \"electronicId\": \"000.00.01.H26\","));

            var catalog = ProcedureCatalog.Load(folder, Repo.Workflows);

            Assert.That(catalog.Problems.Select(p => (p.File, p.Field)), Is.SupersetOf(new[]
            {
                ("procedures/passport.json", "resolvedBy[0].competence"),
                ("procedures/construction-permit-house.json", "resolvedBy[0].competence.basis"),
                ("forms.json", "formSets"),
                ("structure/agencies.json", "agencies[1].electronicId"),
            }));
            Assert.That(catalog.Forms.Sets, Is.Empty, "overlapping sets are not half-used: papers print without form numbers");
            Assert.That(catalog.Structure.Agency("STP", new DateOnly(2020, 1, 1))!.DossierPrefix, Is.EqualTo("H26.20"),
                "an official identifier, where known, opens the agency's dossier codes");
            Assert.That(Catalog.Structure.Agency("STP", new DateOnly(2020, 1, 1))!.DossierPrefix, Is.EqualTo("STP"), "none is sourced yet: the internal code");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
