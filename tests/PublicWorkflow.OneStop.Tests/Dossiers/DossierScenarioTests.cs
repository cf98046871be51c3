using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime.Tests;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Measures;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Runtime.Tests.Support;
using PublicWorkflow.OneStop.Tests.Support;
using static PublicWorkflow.Runtime.Tests.Support.ManualClock;

namespace PublicWorkflow.OneStop.Tests.Dossiers;

/// <summary>
/// Whole dossiers through the real runtime on given dates: reception, routing, the clock, the tracking sheet,
/// deadlines and escalations, the apology, the measures. Deadlines are raised by calling the sweep, as the
/// recurring job would.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class DossierScenarioTests(string provider) : DossierSuite(provider)
{
    [Test]
    public async Task A_same_day_procedure_received_at_15_05_on_the_Friday_before_National_Day_is_due_the_first_working_day_after()
    {
        // Friday 28/8/2026: Monday 31/8 (swapped), 1/9 and 2/9 are days off.
        clock.Set(Hanoi(2026, 8, 28, 15, 5));
        var outcome = await ReceiveAsync(Request("2.000815", "P.HOANKIEM",
            new PresentedDocument("original"), new PresentedDocument("copies", Copies: 1, Pages: 3)));

        Assert.That(outcome.Status, Is.EqualTo(DossierStatus.Accepted));
        Assert.That(outcome.Code, Is.EqualTo("UB.P.HOANKIEM-260828-0001"));
        Assert.That(outcome.Appointment, Is.EqualTo(Hanoi(2026, 9, 3, 17)), "same day, after 15:00: the next working day, Thursday 3/9");
        Assert.That(outcome.Fee, Is.EqualTo(5000m), "2,000 VND for each of the first two pages, 1,000 for the third");

        var second = await ReceiveAsync(Request("2.000815", "P.HOANKIEM", new PresentedDocument("original"), new PresentedDocument("copies")));
        Assert.That(second.Code, Is.EqualTo("UB.P.HOANKIEM-260828-0002"), "the sequence runs within the agency's day");

        var dossier = await DossierAsync(outcome.DossierId.Value);
        var digitize = await OpenTaskAsync(new CaseId(dossier.CaseId!.Value), "Task_Digitize");
        Assert.Multiple(() =>
        {
            Assert.That(digitize.CandidateGroup, Is.EqualTo("CN01"), "digitizing is the receiving branch's step");
            Assert.That(digitize.Level, Is.EqualTo("branch"));
            Assert.That(digitize.DueAt, Is.EqualTo(Hanoi(2026, 9, 3, 17).UtcDateTime));
        });
        var receipt = await PaperAsync(DossierDocumentKind.Receipt, outcome.DossierId.Value);
        Assert.That(receipt, Does.Contain("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ").And.Contain("UB.P.HOANKIEM-260828-0001").And.Contain("17 giờ 00, ngày 03/09/2026")
            .And.Contain("hồ sơ tiếp nhận sau 15 giờ mà không giải quyết được ngay"), "a same-day procedure with the rule prints it");
    }

    /// <summary>
    /// The 15:00 cut-off is the same-day rule of some procedures, not the calendar's: a limit of days runs from the day
    /// after receipt whatever the hour (Mon 15:30 + 3 working days = Thursday, not Friday); a same-day procedure with the
    /// rule received after 15:00 is due the next working day.
    /// </summary>
    [Test]
    public async Task Received_on_Monday_at_15_30_a_three_day_dossier_is_due_Thursday_and_a_same_day_one_Tuesday()
    {
        clock.Set(Hanoi(2026, 12, 7, 15, 30));
        var marital = await ReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")));
        var copy = await ReceiveAsync(Request("2.000815", "P.HOANKIEM", new PresentedDocument("original"), new PresentedDocument("copies")));
        clock.Set(Hanoi(2026, 12, 7, 14, 30));
        var earlyCopy = await ReceiveAsync(Request("2.000815", "P.HOANKIEM", new PresentedDocument("original"), new PresentedDocument("copies")));
        Assert.Multiple(() =>
        {
            Assert.That(marital.Appointment, Is.EqualTo(Hanoi(2026, 12, 10, 17)), "3 working days from Tuesday: Thursday");
            Assert.That(copy.Appointment, Is.EqualTo(Hanoi(2026, 12, 8, 17)), "same day after 15:00: Tuesday");
            Assert.That(earlyCopy.Appointment, Is.EqualTo(Hanoi(2026, 12, 7, 17)), "same day before 15:00: Monday");
        });
        Assert.That(await Host.InScopeAsync(p => Task.FromResult(p.GetRequiredService<DossierClock>()
            .AppointmentFor(RuntimeHost.Catalog.Find("1.004873")!, Hanoi(2026, 12, 7, 15, 30)).At)), Is.EqualTo(marital.Appointment),
            "the question \"when is it due?\" is answered by the same rule as reception");
        Assert.That(await PaperAsync(DossierDocumentKind.Receipt, marital.DossierId.Value), Does.Not.Contain("không giải quyết được ngay"),
            "a three-day procedure's receipt prints no cut-off");
    }

    /// <summary>A paper dossier entered later counts from when it was really received; the entry is dated beside it.</summary>
    [Test]
    public async Task A_paper_dossier_entered_on_Monday_counts_from_its_receipt_on_Friday_and_shows_both_times()
    {
        clock.Set(Hanoi(2026, 12, 7, 9));
        var entered = await ReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")) with
        {
            Channel = DossierChannel.Post, ReceivedAt = Hanoi(2026, 12, 4, 16),
        });
        Assert.That(entered.Code, Is.EqualTo("UB.P.HOANKIEM-261204-0001"), "the code carries the day of receipt");
        Assert.That(entered.Appointment, Is.EqualTo(Hanoi(2026, 12, 9, 17)), "Friday + 3 working days: Wednesday");
        var dossier = await DossierAsync(entered.DossierId.Value);
        Assert.That((dossier.ReceivedAt, dossier.ReceiptEnteredAt), Is.EqualTo((Hanoi(2026, 12, 4, 16).UtcDateTime, (DateTime?)Hanoi(2026, 12, 7, 9).UtcDateTime)));
        Assert.That(await PaperAsync(DossierDocumentKind.Receipt, entered.DossierId.Value), Does.Contain("Thời điểm nhập hệ thống"));

        var refusals = new[]
        {
            (Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")) with { ReceivedAt = Hanoi(2026, 12, 7, 10) }, "future"),
            (Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")) with { ReceivedAt = Hanoi(2026, 12, 1, 16) }, "at most 3 working days"),
            (Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")) with { Channel = DossierChannel.Online, ReceivedAt = Hanoi(2026, 12, 4, 16) }, "online"),
        };
        foreach (var (request, reason) in refusals)
        {
            var refused = Assert.ThrowsAsync<RuntimeException>(() => request.Channel == DossierChannel.Online
                ? Host.InScopeAsync(p => p.GetRequiredService<ReceiveDossier>().SubmitOnlineAsync(request, "citizen"))
                : ReceiveAsync(request));
            Assert.That(refused!.Field, Is.EqualTo("receivedAt"), reason);
            Assert.That(refused.Message, Does.Contain(reason));
        }
    }

    [Test]
    public async Task Clerks_accepting_for_one_agency_at_the_same_moment_get_distinct_codes()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() =>
            ReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration"))))));
        Assert.That(outcomes.Select(o => o.Code).Order(), Is.EqualTo(Enumerable.Range(1, 12).Select(n => $"UB.P.HOANKIEM-261005-{n:D4}")));
    }

    [Test]
    public async Task An_incomplete_dossier_is_guided_not_registered_and_every_missing_document_is_listed_at_once()
    {
        var outcome = await ReceiveAsync(Request("1.004222", "P.HOANKIEM"));

        Assert.That(outcome.Status, Is.EqualTo(DossierStatus.Guided), "form 02: guided to complete, not status 3 (refusal to receive)");
        Assert.That(outcome.Code, Is.Null, "only an accepted dossier gets a code");
        Assert.That(outcome.Missing, Has.Count.EqualTo(2));
        Assert.That(await Host.DbAsync(db => db.Cases.CountAsync()), Is.Zero, "nothing runs for a dossier that was not accepted");
        var paper = await PaperAsync(DossierDocumentKind.SupplementRequest, outcome.DossierId.Value);
        Assert.That(paper, Does.Contain("Tờ khai thay đổi thông tin cư trú").And.Contain("Giấy tờ chứng minh chỗ ở hợp pháp")
            .And.Contain("Mẫu số 02"), "form 02 of the set in force");
        var guided = await DossierAsync(outcome.DossierId.Value);
        Assert.That(guided.MissingDocumentsJson, Is.EqualTo("[\"ct01\",\"accommodation-proof\"]"), "by the catalog's ids");
        var refusal = Assert.ThrowsAsync<RuntimeException>(() => PaperAsync(DossierDocumentKind.RefusalToReceive, outcome.DossierId.Value));
        Assert.That(refusal!.Code, Is.EqualTo("no-such-paper"), "nothing was refused");
    }

    [Test]
    public async Task A_supplement_during_processing_pauses_the_clock_and_the_appointment_moves_by_the_time_paused()
    {
        // Permanent residence: 7 working days, commune police. Received Monday 5/10/2026 09:00 -> Wednesday 14/10 17:00.
        var outcome = await ReceiveAsync(Request("1.004222", "P.HOANKIEM",
            new PresentedDocument("ct01"), new PresentedDocument("accommodation-proof", FromNationalDatabase: true)));
        Assert.That(outcome.Appointment, Is.EqualTo(Hanoi(2026, 10, 14, 17)));
        var caseId = (await DossierAsync(outcome.DossierId.Value)).CaseId!.Value;

        await CompleteStepAsync(caseId, "Task_Digitize", Hanoi(2026, 10, 5, 9, 30), null, "clerk-cn01");
        var appraise = await OpenTaskAsync(new CaseId(caseId), "Task_Appraise");
        Assert.That(appraise.CandidateGroup, Is.EqualTo("CA.P.HOANKIEM"), "residence is the commune police's procedure");
        await CompleteStepAsync(caseId, "Task_Appraise", Hanoi(2026, 10, 6, 10),
            new { decision = "supplement", missing = new[] { "Hợp đồng thuê nhà có công chứng / A notarised rental contract" } }, "officer-ca");

        var paused = await DossierAsync(outcome.DossierId.Value);
        Assert.That(paused.Status, Is.EqualTo(DossierStatus.SupplementRequested));
        Assert.That(paused.ClockPausedAt, Is.EqualTo(Hanoi(2026, 10, 6, 10).UtcDateTime));
        Assert.That(await PaperAsync(DossierDocumentKind.SupplementRequest, outcome.DossierId.Value), Does.Contain("Hợp đồng thuê nhà có công chứng"));

        // Two working days later the applicant brings it: the appointment moves two working days, to Friday 16/10.
        clock.Set(Hanoi(2026, 10, 8, 10));
        await Host.InScopeAsync(p => p.GetRequiredService<SupplementDossier>()
            .DeliverAsync(outcome.DossierId, [new PresentedDocument("accommodation-proof")], "clerk-cn01"));
        var resumed = await DossierAsync(outcome.DossierId.Value);
        Assert.Multiple(() =>
        {
            Assert.That(resumed.Status, Is.EqualTo(DossierStatus.Processing));
            Assert.That(resumed.ClockPausedAt, Is.Null);
            Assert.That(resumed.AppointmentAt, Is.EqualTo(Hanoi(2026, 10, 16, 17).UtcDateTime));
            Assert.That(resumed.OriginalAppointmentAt, Is.EqualTo(Hanoi(2026, 10, 14, 17).UtcDateTime));
        });

        var sheet = await Host.InScopeAsync(p => p.GetRequiredService<DossierStore>().TrackingSheetAsync(outcome.DossierId));
        Assert.That(sheet.Select(h => (h.Step, h.FromParty, h.ToParty)), Is.EqualTo(new[]
        {
            ("Task_Digitize", "branch:CN01", "agency:CA.P.HOANKIEM"),
            ("Task_Appraise", "agency:CA.P.HOANKIEM", "applicant"),
        }));
        Assert.That(sheet.Select(h => h.Timing), Is.EqualTo(new[] { HandoverTiming.OnTime, HandoverTiming.Early }),
            "digitizing is due the day of receipt; appraisal at 60 % is due 9/10");
    }

    /// <summary>An apology with a new date comes before the appointment passes; after it the dossier is simply late.</summary>
    [Test]
    public async Task No_apology_once_the_appointment_has_passed()
    {
        var outcome = await ReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")));
        Assert.That(outcome.Appointment, Is.EqualTo(Hanoi(2026, 10, 8, 17)));
        clock.Set(Hanoi(2026, 10, 8, 17, 1));
        var late = Assert.ThrowsAsync<RuntimeException>(() => Host.InScopeAsync(p =>
            p.GetRequiredService<ApologizeForDelay>().ApologizeAsync(outcome.DossierId, "late", Hanoi(2026, 10, 20, 17), "chairman")));
        Assert.That(late!.Code, Is.EqualTo("appointment-passed"));
        Assert.That((await DossierAsync(outcome.DossierId.Value)).ApologizedAt, Is.Null);
    }

    [Test]
    public async Task An_overdue_case_escalates_to_the_team_lead_then_the_supervisor_and_gets_one_apology_with_a_new_date()
    {
        // Marital status: 3 working days. Received Monday 5/10 09:00 -> Thursday 8/10 17:00; appraisal due Tuesday 6/10 17:00.
        var outcome = await ReceiveAsync(Request("1.004873", "X.THANHTRI", new PresentedDocument("declaration")));
        var dossierId = outcome.DossierId;
        var caseId = (await DossierAsync(dossierId.Value)).CaseId!.Value;
        await CompleteStepAsync(caseId, "Task_Digitize", Hanoi(2026, 10, 5, 10), null, "clerk-cn01");
        var appraise = await OpenTaskAsync(new CaseId(caseId), "Task_Appraise");
        Assert.That(appraise.DueAt, Is.EqualTo(Hanoi(2026, 10, 6, 17).UtcDateTime), "60 % of 3 days: 2 working days before the appointment");

        clock.Set(Hanoi(2026, 10, 7, 8, 30));
        await SweepAsync();
        Assert.That(await RaisedAsync(dossierId.Value), Is.EquivalentTo(new[]
        {
            (DeadlineKind.StepOverdue, "team-lead@UB.X.THANHTRI"),
            (DeadlineKind.ApologyPrompt, "agency@UB.X.THANHTRI"),
        }));

        clock.Set(Hanoi(2026, 10, 8, 9));
        await SweepAsync();
        await SweepAsync();
        Assert.That(await RaisedAsync(dossierId.Value), Is.EquivalentTo(new[]
        {
            (DeadlineKind.StepOverdue, "team-lead@UB.X.THANHTRI"),
            (DeadlineKind.ApologyPrompt, "agency@UB.X.THANHTRI"),
            (DeadlineKind.StepOverdueSupervisor, DossierDeadlines.Supervisor),
            (DeadlineKind.SlaWarning, "team-lead@UB.X.THANHTRI"),
        }), "a second sweep raises nothing twice");

        await Host.InScopeAsync(p => p.GetRequiredService<ApologizeForDelay>().ApologizeAsync(dossierId, "Chờ xác minh tại nơi cư trú trước đây", Hanoi(2026, 10, 13, 17), "chairman"));
        var again = Assert.ThrowsAsync<RuntimeException>(() =>
            Host.InScopeAsync(p => p.GetRequiredService<ApologizeForDelay>().ApologizeAsync(dossierId, "again", Hanoi(2026, 10, 20, 17), "chairman")));
        Assert.That(again!.Code, Is.EqualTo("already-apologized"));
        Assert.That(await PaperAsync(DossierDocumentKind.Apology, dossierId.Value), Does.Contain("Chờ xác minh").And.Contain("17 giờ 00, ngày 13/10/2026"));

        // Resolved on Monday 12/10: late against the first appointment, on time against the apology's.
        await CompleteStepAsync(caseId, "Task_Appraise", Hanoi(2026, 10, 12, 9), new { decision = "approve" }, "officer");
        await CompleteStepAsync(caseId, "Task_Decide", Hanoi(2026, 10, 12, 10), null, "chairman");
        await CompleteStepAsync(caseId, "Task_HandBack", Hanoi(2026, 10, 12, 11), null, "archivist");
        await CompleteStepAsync(caseId, "Task_Return", Hanoi(2026, 10, 12, 14), null, "clerk-cn01");
        var returned = await DossierAsync(dossierId.Value);
        Assert.That(returned.Status, Is.EqualTo(DossierStatus.Returned));
        await Host.InScopeAsync(p => p.GetRequiredService<RateService>().RateAsync(returned.Code!, returned.LookupKey, 4, "Cán bộ tận tình"));

        var sheet = await Host.InScopeAsync(p => p.GetRequiredService<DossierStore>().TrackingSheetAsync(dossierId));
        Assert.That(sheet.Single(h => h.Step == "Task_Appraise").Timing, Is.EqualTo(HandoverTiming.Late));
        Assert.That(await PaperAsync(DossierDocumentKind.TrackingSheet, dossierId.Value), Does.Contain("Quá hạn").And.Contain("UBND Xã Thanh Trì"));

        var measures = await MeasuresAsync(new MeasureFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), MeasureGrouping.Agency);
        var agency = measures.Single();
        Assert.Multiple(() =>
        {
            Assert.That(agency.Group, Is.EqualTo("UB.X.THANHTRI"));
            Assert.That(agency.OnTimeRate, Is.EqualTo(0m), "late against the appointment before the apology");
            Assert.That(agency.OnTimeRateRevised, Is.EqualTo(1m), "on time against the new appointment");
            Assert.That(agency.AverageWorkingDays, Is.EqualTo(5m), "5/10 to 12/10: five working days");
            Assert.That(agency.DigitizedInputsRate, Is.EqualTo(0m), "digitizing was marked done, but no file was kept: not digitized");
            Assert.That((agency.DigitizedRate, agency.ElectronicResultRate), Is.EqualTo((0m, 0m)), "no electronic result was issued in this test");
            Assert.That(agency.RatingsSatisfiedRate, Is.EqualTo(1m), "rated 4");
            Assert.That(agency.SatisfactionRate, Is.EqualTo(0m), "100% − 100% late: the national formula counts lateness against satisfaction");
        });
    }

    [Test]
    public async Task A_dossier_received_in_June_2025_goes_to_the_district_and_one_received_in_July_2025_to_the_commune()
    {
        clock.Set(Hanoi(2025, 6, 16, 9));
        var june = await ReceiveAsync(Request("1.001612", "P.HANGBAC.HOANKIEM", HouseholdDocuments()) with { BranchCode = "CN02" });
        clock.Set(Hanoi(2025, 7, 14, 9));
        var july = await ReceiveAsync(Request("1.001612", "P.HOANKIEM", HouseholdDocuments()) with { BranchCode = "CN02" });

        var juneDossier = await DossierAsync(june.DossierId.Value);
        var julyDossier = await DossierAsync(july.DossierId.Value);
        Assert.Multiple(() =>
        {
            Assert.That((juneDossier.AgencyCode, juneDossier.Level), Is.EqualTo(("UB.Q.HOANKIEM", "district")));
            Assert.That(june.Code, Is.EqualTo("UB.Q.HOANKIEM-250616-0001"));
            Assert.That((julyDossier.AgencyCode, julyDossier.Level), Is.EqualTo(("UB.P.HOANKIEM", "commune")));
            Assert.That(july.Code, Is.EqualTo("UB.P.HOANKIEM-250714-0001"));
        });

        // Steps go where the structure of the day of receipt says, even once that structure is gone.
        await CompleteStepAsync(juneDossier.CaseId!.Value, "Task_Receive", Hanoi(2025, 7, 14, 10), null, "clerk-cn02");
        var appraise = await OpenTaskAsync(new CaseId(juneDossier.CaseId!.Value), "Task_Appraise");
        Assert.That((appraise.CandidateGroup, appraise.Level), Is.EqualTo(("UB.Q.HOANKIEM", "district")));

        var wrongEra = Assert.ThrowsAsync<RuntimeException>(() => ReceiveAsync(Request("1.001612", "P.HANGBAC.HOANKIEM", HouseholdDocuments()) with { BranchCode = "CN02" }));
        Assert.That(wrongEra!.Field, Is.EqualTo("locality"), "the old ward no longer exists in July 2025");
    }

    [Test]
    public async Task Time_spent_paying_land_obligations_does_not_count_and_the_online_payment_is_measured()
    {
        // First land-use certificate: 17 working days (unverified), obligations pause the clock. Received Monday 5/10/2026.
        var outcome = await ReceiveAsync(Request("1.013978", "X.THANHTRI", new PresentedDocument("registration-form")));
        var received = await DossierAsync(outcome.DossierId.Value);
        var caseId = received.CaseId!.Value;
        await CompleteStepAsync(caseId, "Task_Digitize", Hanoi(2026, 10, 5, 10), null, "clerk-cn01");
        await CompleteStepAsync(caseId, "Task_Appraise", Hanoi(2026, 10, 6, 10), new { decision = "approve" }, "officer");

        var awaiting = await DossierAsync(outcome.DossierId.Value);
        Assert.That((awaiting.Status, awaiting.ClockPausedAt), Is.EqualTo((DossierStatus.AwaitingFees, (DateTime?)Hanoi(2026, 10, 6, 10).UtcDateTime)));

        clock.Set(Hanoi(2026, 10, 9, 10));
        var paid = await Host.InScopeAsync(p => p.GetRequiredService<RecordPayment>().RecordAsync(outcome.DossierId, "online", "cashier"));
        Assert.Multiple(() =>
        {
            Assert.That(paid.Status, Is.EqualTo(DossierStatus.Processing), "the decision step is open");
            Assert.That(paid.PaymentChannel, Is.EqualTo("online"));
            Assert.That(received.AppointmentAt, Is.EqualTo(Hanoi(2026, 10, 28, 17).UtcDateTime), "17 working days after 5/10");
            Assert.That(paid.AppointmentAt, Is.EqualTo(Hanoi(2026, 11, 2, 17).UtcDateTime),
                "three working days spent paying (Tue 10:00 to Fri 10:00) move it three working days, over the weekend");
        });
        Assert.That(await OpenTaskAsync(new CaseId(caseId), "Task_Decide"), Is.Not.Null);

        var measures = await MeasuresAsync(new MeasureFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), ProcedureCode: "1.013978"), MeasureGrouping.None);
        Assert.That((measures.Single().FeeBearing, measures.Single().OnlinePaymentRate), Is.EqualTo((1, (decimal?)1m)));
    }

    [Test]
    public async Task A_step_s_deadline_is_cancelled_when_the_step_is_done_and_the_dossier_s_own_deadlines_stay()
    {
        var outcome = await ReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")));
        var caseId = (await DossierAsync(outcome.DossierId.Value)).CaseId!.Value;
        var digitize = await OpenTaskAsync(new CaseId(caseId), "Task_Digitize");
        await CompleteStepAsync(caseId, "Task_Digitize", Hanoi(2026, 10, 5, 10), null, "clerk-cn01");
        var appraise = await OpenTaskAsync(new CaseId(caseId), "Task_Appraise");

        var deadlines = await Host.DbAsync(db => db.DossierDeadlines.AsNoTracking().Where(d => d.DossierId == outcome.DossierId.Value).ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(deadlines.Single(d => d.TaskId == digitize.Id).State, Is.EqualTo(DeadlineState.Cancelled));
            Assert.That(deadlines.Single(d => d.TaskId == appraise.Id).State, Is.EqualTo(DeadlineState.Pending));
            Assert.That(deadlines.Where(d => d.TaskId is null).Select(d => d.State), Has.Some.EqualTo(DeadlineState.Pending).And.All.EqualTo(DeadlineState.Pending),
                "the SLA warning stays while the dossier is open");
        });
    }

    [Test]
    public async Task A_refusal_must_state_its_reasons_and_prints_them()
    {
        var outcome = await ReceiveAsync(Request("1.004873", "X.THANHTRI", new PresentedDocument("declaration")));
        var caseId = (await DossierAsync(outcome.DossierId.Value)).CaseId!.Value;
        await CompleteStepAsync(caseId, "Task_Digitize", Hanoi(2026, 10, 5, 10), null, "clerk-cn01");
        await CompleteStepAsync(caseId, "Task_Appraise", Hanoi(2026, 10, 6, 10), new { decision = "refuse" }, "officer");

        var refuse = await OpenTaskAsync(new CaseId(caseId), "Task_Refuse");
        var noReasons = Assert.ThrowsAsync<RuntimeException>(() => CompleteAsync(refuse.Id, new { reasons = Array.Empty<string>() }));
        Assert.That(noReasons!.Field, Is.EqualTo("outputs.reasons"));
        await CompleteAsync(refuse.Id, new { reasons = new[] { "Đang có đăng ký kết hôn chưa chấm dứt" } });

        var dossier = await DossierAsync(outcome.DossierId.Value);
        Assert.That(dossier.Outcome, Is.EqualTo(DossierOutcome.Refused));
        Assert.That(await PaperAsync(DossierDocumentKind.Refusal, outcome.DossierId.Value), Does.Contain("Đang có đăng ký kết hôn chưa chấm dứt"));
    }

    [Test]
    public async Task Reasons_given_with_the_appraisal_s_decision_to_refuse_carry_to_the_refusal_step()
    {
        var outcome = await ReceiveAsync(Request("1.004873", "X.THANHTRI", new PresentedDocument("declaration")));
        var caseId = (await DossierAsync(outcome.DossierId.Value)).CaseId!.Value;
        await CompleteStepAsync(caseId, "Task_Digitize", Hanoi(2026, 10, 5, 10), null, "clerk-cn01");
        await CompleteStepAsync(caseId, "Task_Appraise", Hanoi(2026, 10, 6, 10),
            new { decision = "refuse", reasons = new[] { "Người yêu cầu chưa đủ tuổi kết hôn" } }, "officer");
        await CompleteStepAsync(caseId, "Task_Refuse", Hanoi(2026, 10, 6, 11), null, "officer");

        var dossier = await DossierAsync(outcome.DossierId.Value);
        Assert.That(dossier.Outcome, Is.EqualTo(DossierOutcome.Refused));
        Assert.That(await PaperAsync(DossierDocumentKind.Refusal, outcome.DossierId.Value), Does.Contain("Người yêu cầu chưa đủ tuổi kết hôn"));
    }

    private static PresentedDocument[] HouseholdDocuments() => [new("request"), new("owner-id", FromNationalDatabase: true)];

    private Task<int> SweepAsync() => Host.InScopeAsync(p => p.GetRequiredService<DossierDeadlines>().RaiseDueAsync(clock.GetUtcNow()));

    private async Task<List<(DeadlineKind, string)>> RaisedAsync(Guid dossierId) =>
        (await Host.DbAsync(db => db.DossierDeadlines.AsNoTracking().Where(d => d.DossierId == dossierId && d.State == DeadlineState.Raised).ToListAsync()))
        .Select(d => (d.Kind, d.Recipient)).ToList();
}
