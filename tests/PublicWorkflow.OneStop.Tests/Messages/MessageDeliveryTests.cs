using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Messages;
using PublicWorkflow.OneStop.Tests.Support;
using SmtpServer;
using SmtpServer.Storage;
using WireMock.ResponseBuilders;
using WireMock.Server;
using static PublicWorkflow.Runtime.Tests.Support.ManualClock;
using Http = WireMock.RequestBuilders.Request;

namespace PublicWorkflow.OneStop.Tests.Messages;

/// <summary>
/// Messages that arrive (issue 15 §3): queued with the command that caused them, rendered in the applicant's language,
/// delivered by the dispatcher to a real SMTP server started in-process and to an HTTP SMS gateway (WireMock); a
/// failing server is retried, then the message is failed with its reason — nothing is lost.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class MessageDeliveryTests(string provider) : DossierSuite(provider)
{
    private readonly TestSmtpServer smtp = new();
    private readonly WireMockServer sms = WireMockServer.Start();

    protected override void AddServices(IServiceCollection services) => services.AddSingleton(new MessageOptions
    {
        SmtpHost = "127.0.0.1", SmtpPort = smtp.Port, SmtpSecurity = "none", SmtpFrom = "Trung tâm <no-reply@pwf.test>",
        SmsUrl = sms.Url + "/send", SmsKey = "sms-key", RetryMinutes = [1, 5],
    });

    [OneTimeSetUp]
    public void StartGateways()
    {
        sms.Given(Http.Create().WithPath("/send").WithHeader("X-Api-Key", "sms-key").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));
    }

    [OneTimeTearDown]
    public void StopGateways()
    {
        smtp.Dispose();
        sms.Stop();
    }

    [Test]
    public async Task Reception_sends_an_e_mail_and_an_SMS_in_the_applicant_s_language_and_staff_see_them_sent()
    {
        var request = Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration"));
        var outcome = await ReceiveAsync(request with { Applicant = request.Applicant with { Email = "an@example.vn", Phone = "0912345678", NotifyBy = ["email", "sms"] } });
        var queued = await MessagesAsync(outcome.DossierId.Value);
        Assert.That(queued.Select(m => (m.Event, m.Channel, m.Status)), Is.EquivalentTo(new[] { ("reception", "email", "pending"), ("reception", "sms", "pending") }),
            "written with the reception itself");

        await DispatchAsync(Hanoi(2026, 10, 5, 9, 1));
        var sent = await MessagesAsync(outcome.DossierId.Value);
        Assert.That(sent.Select(m => m.Status), Is.All.EqualTo("sent"));
        var mail = await smtp.ArrivedAsync();
        Assert.That(mail.Subject, Is.EqualTo($"Hồ sơ {outcome.Code} đã được tiếp nhận"), "Vietnamese arrives intact");
        Assert.That(mail.TextBody, Does.Contain("Cấp Giấy xác nhận tình trạng hôn nhân").And.Contain("17:00 ngày 08/10/2026").And.Not.Contain(outcome.LookupKey!),
            "the appointment, never the lookup key");
        Assert.That(sms.LogEntries.Count(e => e.RequestMessage.Path == "/send"), Is.EqualTo(1));

        await DispatchAsync(Hanoi(2026, 10, 5, 9, 2));
        Assert.That(smtp.IsEmpty, Is.True, "a sent message is not sent again");
    }

    [Test]
    public async Task A_supplement_request_in_English_names_the_catalog_documents_and_only_the_chosen_channel_is_used()
    {
        var request = Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration"));
        var outcome = await ReceiveAsync(request with { Applicant = request.Applicant with { Email = "an@example.vn", Phone = "0912345678", NotifyBy = ["email"], Language = "en" } });
        var caseId = (await DossierAsync(outcome.DossierId.Value)).CaseId!.Value;
        await CompleteStepAsync(caseId, "Task_Digitize", Hanoi(2026, 10, 5, 10), null, "clerk-cn01");
        await CompleteStepAsync(caseId, "Task_Appraise", Hanoi(2026, 10, 6, 10), new { decision = "supplement", missing = new[] { "divorce-proof", "Bản án của bà X" } }, "officer");

        var messages = await MessagesAsync(outcome.DossierId.Value);
        Assert.That(messages.Select(m => (m.Event, m.Channel)), Is.EquivalentTo(new[] { ("reception", "email"), ("supplement-1", "email") }), "no SMS: not chosen");
        var supplement = messages.Single(m => m.Event == "supplement-1");
        Assert.That(supplement.Subject, Is.EqualTo($"Dossier {outcome.Code}: please supplement"));
        Assert.That(supplement.Body, Does.Contain("Proof of divorce").And.Contain("1 further items").And.Not.Contain("bà X"), "free text stays on the paper");
    }

    [Test]
    public async Task A_failing_SMTP_server_is_retried_then_the_message_is_failed_with_the_reason_and_kept()
    {
        await Host.InScopeAsync(async p =>
        {
            var options = p.GetRequiredService<MessageOptions>();
            options.SmtpPort = TestPorts.Free(); // nothing listens there
            var request = Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration"));
            var outcome = await p.GetRequiredService<ReceiveDossier>().ReceiveAsync(request with { Applicant = request.Applicant with { Email = "an@example.vn", NotifyBy = ["email"] } }, "clerk-cn01");
            try
            {
                await DispatchAsync(Hanoi(2026, 10, 5, 9, 1));
                var first = (await MessagesAsync(outcome.DossierId.Value)).Single();
                Assert.That((first.Status, first.Attempts, first.NextAttemptAt), Is.EqualTo(("pending", 1, Hanoi(2026, 10, 5, 9, 2).UtcDateTime)), "retried a minute later");
                Assert.That(first.LastError, Is.Not.Empty);
                await DispatchAsync(Hanoi(2026, 10, 5, 9, 2));
                await DispatchAsync(Hanoi(2026, 10, 5, 9, 8));
                var last = (await MessagesAsync(outcome.DossierId.Value)).Single();
                Assert.That((last.Status, last.Attempts), Is.EqualTo(("failed", 3)), "after the last retry: failed, visibly, and still there");
            }
            finally
            {
                options.SmtpPort = smtp.Port;
            }
        });
    }

    private Task DispatchAsync(DateTimeOffset at) => Host.InScopeAsync(p => p.GetRequiredService<MessageDispatcher>().RunDueAsync(at));

    private Task<List<OneStop.Persistence.Entities.MessageRecord>> MessagesAsync(Guid dossierId) =>
        Host.DbAsync(db => db.Messages.AsNoTracking().Where(m => m.DossierId == dossierId).ToListAsync());
}
