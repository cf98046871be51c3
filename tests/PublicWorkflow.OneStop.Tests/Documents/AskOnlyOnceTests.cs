using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Documents;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Measures;
using PublicWorkflow.OneStop.NationalData;
using PublicWorkflow.OneStop.Results;
using PublicWorkflow.OneStop.Tests.Support;
using PublicWorkflow.Runtime;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using PublicWorkflow.Runtime.Tests.Support;
using Http = WireMock.RequestBuilders.Request;
using WireMock.Server;
using static PublicWorkflow.Runtime.Tests.Support.ManualClock;

namespace PublicWorkflow.OneStop.Tests.Documents;

/// <summary>
/// "Ask only once" (issue 14 §4): the citizen's data store offers a result issued to them and their earlier files still
/// valid; reception takes them instead of paper, the reuse indicator counts them; national databases answer through
/// the adapter (the labelled fake here, a real HTTP gateway faked by WireMock below).
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class AskOnlyOnceTests(string provider) : DossierSuite(provider)
{
    private const string Worker = "001190004321";

    [Test]
    public async Task A_criminal_record_issued_to_a_citizen_stands_in_for_it_in_their_work_permit_and_counts_as_reuse()
    {
        // The criminal record, with the ID card taken from the (simulated) population database.
        var record = await ReceiveAsync(ForWorker("3.000333", new PresentedDocument("declaration"), new PresentedDocument("identity-copy", FromNationalDatabase: true)));
        var recordDossier = await DossierAsync(record.DossierId.Value);
        Assert.That(recordDossier.DocumentsJson, Does.Contain("FAKE-national-population-db").And.Contain("\"nationalReferenceIsFake\":true"),
            "the simulated database's reference is kept, labelled");
        var caseId = recordDossier.CaseId!.Value;
        await CompleteStepAsync(caseId, "Task_Digitize", Hanoi(2026, 10, 5, 10), null, "clerk-cn01");
        await CompleteStepAsync(caseId, "Task_Appraise", Hanoi(2026, 10, 6, 10), new { decision = "approve" }, "officer-catp");
        await CompleteStepAsync(caseId, "Task_Decide", Hanoi(2026, 10, 6, 11), null, "chief-catp");
        await Host.InScopeAsync(p => p.GetRequiredService<ElectronicResults>().RunDueAsync(Hanoi(2026, 10, 6, 11, 1)));
        var result = await Host.DbAsync(db => db.DossierResults.AsNoTracking().SingleAsync(r => r.DossierId == record.DossierId.Value));

        var permit = RuntimeHost.Catalog.Find("1.014199")!;
        var offers = await Host.InScopeAsync(p => p.GetRequiredService<CitizenDataStore>().OffersAsync(Worker, permit, Hanoi(2026, 10, 7, 9)));
        Assert.That(offers.Select(o => (o.Component, o.Kind, o.FileId, o.ResultNumber)), Is.EqualTo(new[] { ("criminal-record", "result", result.FileId, (string?)result.Number) }));
        Assert.That(await Host.InScopeAsync(p => p.GetRequiredService<CitizenDataStore>().OffersAsync("001190009999", permit, Hanoi(2026, 10, 7, 9))), Is.Empty,
            "another citizen's store holds nothing of theirs");

        clock.Set(Hanoi(2026, 10, 7, 9));
        var stranger = Assert.ThrowsAsync<RuntimeException>(() => ReceiveAsync(PermitRequest("001190009999", result.FileId)));
        Assert.That(stranger!.Field, Is.EqualTo("documents[3].reusedFileId"), "a file from someone else's store is refused");
        var accepted = await ReceiveAsync(PermitRequest(Worker, result.FileId));
        Assert.That(accepted.Status, Is.EqualTo(DossierStatus.Accepted));
        var reused = await Host.DbAsync(db => db.DossierFiles.AsNoTracking().SingleAsync(f => f.DossierId == accepted.DossierId.Value));
        Assert.That((reused.Component, reused.Source, reused.ReusedFrom, reused.Sha256), Is.EqualTo(("criminal-record", "reused", (Guid?)result.FileId, result.Sha256)));
        Assert.That((await DossierAsync(accepted.DossierId.Value)).DocumentsReused, Is.EqualTo(1));

        var measures = await MeasuresAsync(new MeasureFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), MeasureGrouping.None);
        Assert.That(measures.Single().DocumentReuseRate, Is.EqualTo(1m), "both dossiers reused a component: the database's ID card, the issued result");
    }

    [Test]
    public async Task An_earlier_health_certificate_is_offered_while_valid_and_not_after()
    {
        var first = await ReceiveAsync(PermitRequest(Worker, null));
        await Host.InScopeAsync(p => p.GetRequiredService<DossierFiles>().UploadAsync(first.DossierId, "health-certificate", "suc-khoe.pdf",
            new MemoryStream(OneStopSamples.Pdf("Giấy khám sức khỏe")), "clerk-cn01"));
        var licence = RuntimeHost.Catalog.Find("1.012289")!;
        var store = (DateTimeOffset at) => Host.InScopeAsync(p => p.GetRequiredService<CitizenDataStore>().OffersAsync(Worker, licence, at));
        Assert.That((await store(Hanoi(2027, 10, 1, 9))).Select(o => (o.Component, o.Kind)), Is.EqualTo(new[] { ("health-certificate", "file") }),
            "within the 12 months the catalog gives it");
        Assert.That(await store(Hanoi(2027, 10, 6, 9)), Is.Empty, "no longer valid");
        var bad = Assert.ThrowsAsync<RuntimeException>(() => Host.InScopeAsync(p => p.GetRequiredService<CitizenDataStore>().OffersAsync("12-34", licence, Hanoi(2026, 10, 6, 9))));
        Assert.That(bad!.Field, Is.EqualTo("idNumber"));
    }

    [Test]
    public async Task A_document_the_national_database_does_not_hold_must_be_handed_in()
    {
        var request = Request("3.000333", null, new PresentedDocument("declaration"), new PresentedDocument("identity-copy", FromNationalDatabase: true));
        var none = Assert.ThrowsAsync<RuntimeException>(() => ReceiveAsync(request with { Applicant = request.Applicant with { IdNumber = "001190000000" } }));
        Assert.That(none!.Field, Is.EqualTo("documents[1].fromNationalDatabase"));
        var noId = Assert.ThrowsAsync<RuntimeException>(() => ReceiveAsync(request with { Applicant = request.Applicant with { IdNumber = null } }));
        Assert.That(noId!.Field, Is.EqualTo("applicant.idNumber"));
    }

    [Test]
    public async Task The_HTTP_gateway_is_asked_with_its_key_and_its_answers_are_kept_or_refused()
    {
        using var gateway = WireMockServer.Start();
        gateway.Given(Http.Create().WithPath("/national-population-db/records").WithParam("idNumber", Worker).WithHeader("X-Api-Key", "secret").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { reference = "CCCD-001190004321", summary = "Căn cước" }));
        gateway.Given(Http.Create().WithPath("/national-population-db/records").WithParam("idNumber", "001190000001").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404));
        gateway.Given(Http.Create().WithPath("/land-db/records").UsingGet()).RespondWith(Response.Create().WithStatusCode(500));
        var options = new NationalDatabaseOptions { BaseUrl = gateway.Url!, ApiKey = "secret" };
        var databases = new HttpNationalDatabases(new HttpClient { BaseAddress = new Uri(gateway.Url! + "/") }, options);

        var found = await databases.FetchAsync("national-population-db", "identity-copy", Worker, CancellationToken.None);
        Assert.That(found, Is.EqualTo(new NationalRecord("CCCD-001190004321", "Căn cước", false)));
        Assert.That(await databases.FetchAsync("national-population-db", "identity-copy", "001190000001", CancellationToken.None), Is.Null);
        var down = Assert.ThrowsAsync<RuntimeException>(() => databases.FetchAsync("land-db", "land-document", Worker, CancellationToken.None));
        Assert.That(down!.Code, Is.EqualTo("national-database-unavailable"));
        await Task.CompletedTask;
    }

    private static ReceptionRequest ForWorker(string procedure, params PresentedDocument[] documents)
    {
        var request = Request(procedure, null, documents);
        return request with { Applicant = request.Applicant with { IdNumber = Worker } };
    }

    private static ReceptionRequest PermitRequest(string idNumber, Guid? criminalRecord)
    {
        var request = Request("1.014199", null, new PresentedDocument("employer-letter"), new PresentedDocument("health-certificate"), new PresentedDocument("passport"),
            criminalRecord is null ? new PresentedDocument("criminal-record") : new PresentedDocument("criminal-record", ReusedFileId: criminalRecord),
            new PresentedDocument("photos", Copies: 2), new PresentedDocument("qualification"));
        return request with { Applicant = request.Applicant with { IdNumber = idNumber } };
    }
}
