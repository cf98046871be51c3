using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Feedback;
using PublicWorkflow.OneStop.Measures;
using PublicWorkflow.OneStop.Tests.Support;
using PublicWorkflow.Runtime;
using static PublicWorkflow.Runtime.Tests.Support.ManualClock;

namespace PublicWorkflow.OneStop.Tests.Feedback;

/// <summary>
/// The satisfaction survey (issue 16 §3): once per returned dossier, with its lookup key, every question scored; an unhappy
/// survey and feedback naming the dossier count as "dislike" in Decision 766's satisfaction formula.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class SurveyTests(string provider) : DossierSuite(provider)
{
    [Test]
    public async Task A_returned_dossier_is_surveyed_once_and_an_unhappy_answer_lowers_the_national_satisfaction_rate()
    {
        var outcome = await ReceiveAsync(Request("1.004873", "P.HOANKIEM", new PresentedDocument("declaration")));
        var caseId = (await DossierAsync(outcome.DossierId.Value)).CaseId!.Value;
        var answers = new Dictionary<string, int> { ["information"] = 2, ["reception"] = 1, ["timeliness"] = 2, ["staff"] = 3, ["cost"] = 2 };
        var early = Assert.ThrowsAsync<RuntimeException>(() => SurveyAsync(outcome.Code!, outcome.LookupKey, answers));
        Assert.That(early!.Code, Is.EqualTo("not-returned"));

        await CompleteStepAsync(caseId, "Task_Digitize", Hanoi(2026, 10, 5, 9, 30), null, "clerk-cn01");
        await CompleteStepAsync(caseId, "Task_Appraise", Hanoi(2026, 10, 5, 10), new { decision = "approve" }, "officer-ward");
        await CompleteStepAsync(caseId, "Task_Decide", Hanoi(2026, 10, 5, 11), null, "chief-ward");
        await CompleteStepAsync(caseId, "Task_HandBack", Hanoi(2026, 10, 5, 14), null, "officer-ward");
        await CompleteStepAsync(caseId, "Task_Return", Hanoi(2026, 10, 5, 15), null, "clerk-cn01");

        var stranger = Assert.ThrowsAsync<RuntimeException>(() => SurveyAsync(outcome.Code!, "WRONG-KEYS-0000", answers));
        Assert.That(stranger!.Kind, Is.EqualTo(RuntimeErrorKind.NotFound), "a wrong key is an unknown dossier");
        var partial = Assert.ThrowsAsync<RuntimeException>(() => SurveyAsync(outcome.Code!, outcome.LookupKey, new Dictionary<string, int> { ["information"] = 5 }));
        Assert.That(partial!.Field, Is.EqualTo("answers"));
        var outOfScale = Assert.ThrowsAsync<RuntimeException>(() => SurveyAsync(outcome.Code!, outcome.LookupKey, answers.ToDictionary(a => a.Key, _ => 9)));
        Assert.That(outOfScale!.Field, Does.StartWith("answers."));

        var answer = await SurveyAsync(outcome.Code!, outcome.LookupKey, answers);
        Assert.That(answer.Score, Is.EqualTo(2m));
        var twice = Assert.ThrowsAsync<RuntimeException>(() => SurveyAsync(outcome.Code!, outcome.LookupKey, answers));
        Assert.That(twice!.Code, Is.EqualTo("already-answered"));

        var measures = (await MeasuresAsync(new MeasureFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), MeasureGrouping.None)).Single();
        Assert.That((measures.OnTimeRate, measures.SatisfactionRate), Is.EqualTo((1m, 0m)), "on time, but unhappy: 100% − (0% late + 100% dislike)");
    }

    private Task<PublicWorkflow.OneStop.Persistence.Entities.SurveyAnswerRecord> SurveyAsync(string code, string? key, Dictionary<string, int> answers) =>
        Host.InScopeAsync(p => p.GetRequiredService<Surveys>().AnswerAsync(code, key, answers, "Phải đi lại nhiều lần"));
}
