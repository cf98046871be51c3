using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Measures;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Tests.Support;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Persistence.Entities;
using static PublicWorkflow.Runtime.Tests.Support.ManualClock;

namespace PublicWorkflow.OneStop.Tests.Dossiers;

/// <summary>
/// The one-stop lifecycle as the rules write it (issue 13 §3–4): refusal to receive apart from guidance, one supplement
/// request, withdrawal then stop with its notice, the register, and the national indicators that follow from them.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class LifecycleRulesTests(string provider) : DossierSuite(provider)
{
    [Test]
    public async Task A_withdrawal_is_a_request_the_agency_s_stop_follows_with_a_stop_notice()
    {
        var outcome = await ReceiveAsync(Request("1.004873", "X.THANHTRI", new PresentedDocument("declaration")));
        clock.Set(Hanoi(2026, 10, 6, 9));
        var withdrawn = await Host.InScopeAsync(p => p.GetRequiredService<EndDossier>().WithdrawAsync(outcome.DossierId, "Công dân không còn nhu cầu", "clerk-cn01"));

        Assert.Multiple(async () =>
        {
            Assert.That(withdrawn.Status, Is.EqualTo(DossierStatus.Withdrawn), "status 7: the citizen's request");
            Assert.That(withdrawn.ClockPausedAt, Is.Not.Null, "the clock stops while the agency decides");
            Assert.That((await CaseAsync(new CaseId(withdrawn.CaseId!.Value))).Status, Is.EqualTo(Engine.Execution.CaseStatus.Running), "the agency has not stopped it yet");
            Assert.That(await Host.DbAsync(db => db.DossierDeadlines.CountAsync(d => d.DossierId == outcome.DossierId.Value && d.State == DeadlineState.Pending)), Is.Zero);
        });
        var again = Assert.ThrowsAsync<RuntimeException>(() =>
            Host.InScopeAsync(p => p.GetRequiredService<EndDossier>().WithdrawAsync(outcome.DossierId, "again", "clerk-cn01")));
        Assert.That(again!.Code, Is.EqualTo("withdrawal-pending"));
        var apology = Assert.ThrowsAsync<RuntimeException>(() =>
            Host.InScopeAsync(p => p.GetRequiredService<ApologizeForDelay>().ApologizeAsync(outcome.DossierId, "late", Hanoi(2026, 10, 20, 17), "chairman")));
        Assert.That(apology!.Code, Is.EqualTo("dossier-not-open"));
        var noNotice = Assert.ThrowsAsync<RuntimeException>(() => PaperAsync(DossierDocumentKind.StopNotice, outcome.DossierId.Value));
        Assert.That(noNotice!.Code, Is.EqualTo("no-such-paper"), "no stop notice before the stop");

        clock.Set(Hanoi(2026, 10, 6, 14));
        var stopped = await Host.InScopeAsync(p => p.GetRequiredService<EndDossier>().StopAsync(outcome.DossierId, "Theo đề nghị rút hồ sơ của công dân", "officer"));
        Assert.That(stopped.Status, Is.EqualTo(DossierStatus.Stopped), "status 8");
        Assert.That(stopped.StoppedAt, Is.EqualTo(Hanoi(2026, 10, 6, 14).UtcDateTime));
        Assert.That((await CaseAsync(new CaseId(stopped.CaseId!.Value))).Status, Is.EqualTo(Engine.Execution.CaseStatus.Cancelled));
        var notice = await PaperAsync(DossierDocumentKind.StopNotice, outcome.DossierId.Value);
        Assert.That(notice, Does.Contain("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ").And.Contain("Mẫu số 05").And.Contain("Công dân không còn nhu cầu")
            .And.Contain("Theo đề nghị rút hồ sơ của công dân"));

        var measures = (await MeasuresAsync(new MeasureFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), MeasureGrouping.None)).Single();
        Assert.That((measures.Finished, measures.OnTimeRate, measures.Pending), Is.EqualTo((1, 1m, 0)),
            "a dossier withdrawn after reception is finished, on time when before its appointment");
    }

    [Test]
    public async Task One_supplement_request_a_second_needs_the_supervisor_s_override_and_counts_as_late()
    {
        // Permanent residence: 7 working days, commune police; due Wednesday 14/10/2026 17:00.
        var outcome = await ReceiveAsync(Request("1.004222", "P.HOANKIEM", new PresentedDocument("ct01"), new PresentedDocument("accommodation-proof")));
        var caseId = (await DossierAsync(outcome.DossierId.Value)).CaseId!.Value;
        await CompleteStepAsync(caseId, "Task_Digitize", Hanoi(2026, 10, 5, 9, 30), null, "clerk-cn01");
        await CompleteStepAsync(caseId, "Task_Appraise", Hanoi(2026, 10, 6, 10),
            new { decision = "supplement", missing = new[] { "accommodation-proof", "Bản sao hợp đồng thuê nhà của ông Nguyễn Văn An" } }, "officer-ca");

        var view = await Host.InScopeAsync(p => p.GetRequiredService<DossierStore>().PublicViewAsync(outcome.Code!, outcome.LookupKey));
        Assert.That(view.PublicMissing(), Is.EqualTo((new[] { "accommodation-proof" }, 1)),
            "the citizen's page names the catalog's document; the officer's free text (a name in it) stays on the paper");
        Assert.That(await PaperAsync(DossierDocumentKind.SupplementRequest, outcome.DossierId.Value),
            Does.Contain("Giấy tờ chứng minh chỗ ở hợp pháp").And.Contain("Bản sao hợp đồng thuê nhà của ông Nguyễn Văn An"));

        clock.Set(Hanoi(2026, 10, 7, 9));
        await Host.InScopeAsync(p => p.GetRequiredService<SupplementDossier>().DeliverAsync(outcome.DossierId, [new PresentedDocument("accommodation-proof")], "clerk-cn01"));
        var appraise = await OpenTaskAsync(new CaseId(caseId), "Task_Appraise");
        clock.Set(Hanoi(2026, 10, 7, 10));
        var second = Assert.ThrowsAsync<RuntimeException>(() => CompleteAsync(appraise.Id, new { decision = "supplement", missing = new[] { "ct01" } }, "officer-ca"));
        Assert.That(second!.Code, Is.EqualTo("supplement-already-requested"));
        Assert.That((await DossierAsync(outcome.DossierId.Value)).Status, Is.EqualTo(DossierStatus.Processing), "the refused command changed nothing");

        var notNeeded = Assert.ThrowsAsync<RuntimeException>(() =>
            Host.InScopeAsync(p => p.GetRequiredService<AllowFurtherSupplement>().AllowAsync(outcome.DossierId, " ", "supervisor")));
        Assert.That(notNeeded!.Field, Is.EqualTo("reason"));
        await Host.InScopeAsync(p => p.GetRequiredService<AllowFurtherSupplement>().AllowAsync(outcome.DossierId, "Tờ khai CT01 bị rách, không đọc được", "supervisor"));
        await CompleteAsync(appraise.Id, new { decision = "supplement", missing = new[] { "ct01" } }, "officer-ca");
        var twice = await DossierAsync(outcome.DossierId.Value);
        Assert.That((twice.Status, twice.SupplementRequests, twice.SupplementOverrideBy), Is.EqualTo((DossierStatus.SupplementRequested, 2, "supervisor")));

        clock.Set(Hanoi(2026, 10, 8, 9));
        await Host.InScopeAsync(p => p.GetRequiredService<SupplementDossier>().DeliverAsync(outcome.DossierId, [new PresentedDocument("ct01")], "clerk-cn01"));
        await CompleteStepAsync(caseId, "Task_Appraise", Hanoi(2026, 10, 8, 10), new { decision = "approve" }, "officer-ca");
        await CompleteStepAsync(caseId, "Task_Decide", Hanoi(2026, 10, 8, 11), null, "chief-ca");
        var resolved = await DossierAsync(outcome.DossierId.Value);
        Assert.That(resolved.ResolvedAt, Is.LessThan(resolved.AppointmentAt!.Value), "resolved well before the appointment");
        var measures = (await MeasuresAsync(new MeasureFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), MeasureGrouping.None)).Single();
        Assert.That(measures.OnTimeRate, Is.EqualTo(0m), "asked to supplement twice: late by the national formula");
    }

    [Test]
    public async Task A_result_whose_fee_is_unpaid_is_not_returned_until_the_payment_is_recorded()
    {
        // Temporary residence: a fixed fee of 15,000 VND at the counter.
        var outcome = await ReceiveAsync(Request("1.004194", "P.HOANKIEM", new PresentedDocument("ct01"), new PresentedDocument("accommodation-proof")));
        Assert.That(outcome.Fee, Is.EqualTo(15000m));
        var caseId = (await DossierAsync(outcome.DossierId.Value)).CaseId!.Value;
        await CompleteStepAsync(caseId, "Task_Digitize", Hanoi(2026, 10, 5, 9, 30), null, "clerk-cn01");
        await CompleteStepAsync(caseId, "Task_Appraise", Hanoi(2026, 10, 5, 10), new { decision = "approve" }, "officer-ca");
        await CompleteStepAsync(caseId, "Task_Decide", Hanoi(2026, 10, 5, 11), null, "chief-ca");
        await CompleteStepAsync(caseId, "Task_HandBack", Hanoi(2026, 10, 5, 14), null, "officer-ca");
        var returnStep = await OpenTaskAsync(new CaseId(caseId), "Task_Return");
        var unpaid = Assert.ThrowsAsync<RuntimeException>(() => CompleteAsync(returnStep.Id, null, "clerk-cn01"));
        Assert.That(unpaid!.Code, Is.EqualTo("fee-unpaid"));
        Assert.That((await DossierAsync(outcome.DossierId.Value)).Status, Is.EqualTo(DossierStatus.Resolved), "the refused return changed nothing");

        await Host.InScopeAsync(p => p.GetRequiredService<RecordPayment>().RecordAsync(outcome.DossierId, "counter", "clerk-cn01"));
        await CompleteAsync(returnStep.Id, null, "clerk-cn01");
        Assert.That((await DossierAsync(outcome.DossierId.Value)).Status, Is.EqualTo(DossierStatus.Returned));
    }

    [Test]
    public async Task A_clerk_refuses_to_receive_with_reasons_on_form_03_and_the_register_lists_it()
    {
        var refuse = (IReadOnlyList<string> reasons) => Host.InScopeAsync(p => p.GetRequiredService<ReceiveDossier>()
            .RefuseToReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")), reasons, "clerk-cn01"));
        var none = Assert.ThrowsAsync<RuntimeException>(() => refuse([" "]));
        Assert.That(none!.Field, Is.EqualTo("reasons"));

        var refused = await refuse(["Người yêu cầu không thường trú tại Hà Nội"]);
        Assert.That((refused.Status, refused.Code, refused.Reasons.Single()),
            Is.EqualTo((DossierStatus.NotAccepted, (string?)null, "Người yêu cầu không thường trú tại Hà Nội")));
        Assert.That(await Host.DbAsync(db => db.Cases.CountAsync()), Is.Zero);
        Assert.That(await PaperAsync(DossierDocumentKind.RefusalToReceive, refused.DossierId.Value),
            Does.Contain("PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ").And.Contain("Mẫu số 03").And.Contain("không thường trú"));

        clock.Set(Hanoi(2026, 10, 5, 9, 10));
        var accepted = await ReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")));
        await ReceiveAsync(Request("1.004222", "P.HOANKIEM")); // guided: not registered
        var register = await Host.InScopeAsync(p => p.GetRequiredService<DossierList>().RegisterAsync("CN01", new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 5)));
        Assert.That(register.Select(d => d.Status), Is.EqualTo(new[] { DossierStatus.NotAccepted, DossierStatus.Accepted }));
        var paper = await Host.InScopeAsync(p => Task.FromResult(p.GetRequiredService<DossierDocuments>().Register("Chi nhánh số 01", new DateOnly(2026, 10, 5),
            new DateOnly(2026, 10, 5), register)));
        Assert.That(paper, Does.Contain("SỔ THEO DÕI HỒ SƠ").And.Contain("Mẫu số 07").And.Contain(accepted.Code!).And.Contain("Không được tiếp nhận"));
        var tooLong = Assert.ThrowsAsync<RuntimeException>(() =>
            Host.InScopeAsync(p => p.GetRequiredService<DossierList>().RegisterAsync("CN01", new DateOnly(2025, 1, 1), new DateOnly(2026, 10, 5))));
        Assert.That(tooLong!.Field, Is.EqualTo("to"));
    }

    [Test]
    public async Task A_commune_center_refuses_a_city_procedure_and_resolves_a_certification_itself()
    {
        var passport = await ReceiveAsync(Request("1.001456", null, new PresentedDocument("tk01")) with { BranchCode = "TT.P.BACHMAI" });
        Assert.That(passport.Status, Is.EqualTo(DossierStatus.NotAccepted), "out of the commune center's scope: refused with the reason");
        Assert.That(passport.Reasons.Single(), Does.Contain("không tiếp nhận thủ tục 1.001456").And.Contain("does not receive"));

        var copy = await ReceiveAsync(Request("2.000815", null, new PresentedDocument("original"), new PresentedDocument("copies")) with { BranchCode = "TT.P.BACHMAI" });
        Assert.That(copy.Code, Does.StartWith("UB.P.BACHMAI-"), "any commune certifies: the receiving one does");
        var atBranch = Assert.ThrowsAsync<RuntimeException>(() => ReceiveAsync(Request("2.000815", null, new PresentedDocument("original"), new PresentedDocument("copies"))));
        Assert.That((atBranch!.Field, atBranch.Message), Is.EqualTo(("locality", atBranch.Message)));
        Assert.That(atBranch.Message, Does.Contain("any ward or commune"), "a city branch asks which commune certifies");
        var caseId = (await DossierAsync(copy.DossierId.Value)).CaseId!.Value;
        Assert.That((await OpenTaskAsync(new CaseId(caseId), "Task_Digitize")).CandidateGroup, Is.EqualTo("TT.P.BACHMAI"), "the receiving point's own step");
    }

    /// <summary>The construction permit goes where the plot lies, whoever files it and wherever they live (issue 13 §2).</summary>
    [Test]
    public async Task A_permit_for_a_plot_in_Soc_Son_filed_by_a_Hoan_Kiem_resident_goes_to_Soc_Son()
    {
        var request = Request("1.013225", "X.SOCSON", new PresentedDocument("application"), new PresentedDocument("land-document"), new PresentedDocument("drawings", Copies: 2));
        var outcome = await ReceiveAsync(request with { Applicant = request.Applicant with { Address = "Phường Hoàn Kiếm, Hà Nội" } });
        Assert.That(outcome.Code, Does.StartWith("UB.X.SOCSON-"));
        Assert.That((await DossierAsync(outcome.DossierId.Value)).Locality, Is.EqualTo("X.SOCSON"));
    }

    /// <summary>Across the two-tier reform: received the last day of the districts, a land dossier stays with the district; the next day it goes to the ward.</summary>
    [Test]
    public async Task A_land_dossier_received_on_30_June_2025_goes_to_the_district_and_on_1_July_to_the_ward()
    {
        var documents = new[] { new PresentedDocument("registration-form") };
        clock.Set(Hanoi(2025, 6, 30, 15, 30));
        var june = await ReceiveAsync(Request("1.013978", "P.HANGBAC.HOANKIEM", documents));
        clock.Set(Hanoi(2025, 7, 1, 9));
        var july = await ReceiveAsync(Request("1.013978", "P.HOANKIEM", documents));
        Assert.Multiple(async () =>
        {
            Assert.That(june.Code, Does.StartWith("UB.Q.HOANKIEM-250630-"), "the district People's Committee until 30/6/2025");
            Assert.That(july.Code, Does.StartWith("UB.P.HOANKIEM-250701-"), "the ward from 1/7/2025");
            Assert.That((await DossierAsync(june.DossierId.Value)).Level, Is.EqualTo("district"));
            Assert.That(june.Appointment, Is.EqualTo(Hanoi(2025, 7, 23, 17)), "17 working days from the day after receipt, no extra day for 15:30");
        });
    }
}
