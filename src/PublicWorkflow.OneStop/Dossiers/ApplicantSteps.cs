using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>The steps where a case waits for the applicant (a supplement, a payment): what the applicant brings moves the case on.</summary>
public sealed class ApplicantSteps(OneStopDbContext db, CaseRuntime cases, CaseViews views)
{
    /// <summary>Moves the case past the step where it waits for the applicant (a message catch, or a branch task for the supplement).</summary>
    public async Task AdvanceAsync(DossierRecord dossier, string stage, Dictionary<string, JsonElement> payload, string actor, Action<DossierRecord> change,
        CancellationToken cancellationToken)
    {
        var snapshot = await views.SnapshotAsync(new CaseId(dossier.CaseId ?? throw RuntimeException.Rejected("no-case", $"dossier {dossier.Code} has no workflow")),
            cancellationToken);
        var (caseRecord, definition) = (snapshot.Case, snapshot.Definition);
        var waiting = snapshot.ActiveElementIds.Select(definition.Node).FirstOrDefault(n => n?.Pwf.Stage == stage)
            ?? throw RuntimeException.Rejected("no-waiting-step", $"dossier {dossier.Code} has no step waiting for the applicant's {stage}");
        var tracked = await db.Dossiers.SingleAsync(d => d.Id == dossier.Id, cancellationToken);
        change(tracked);
        if (waiting is IntermediateCatchEvent { Trigger: MessageTrigger message })
        {
            var name = definition.Messages.FirstOrDefault(m => m.Id == message.MessageRef)?.Name ?? message.MessageRef!;
            await cases.DeliverMessageAsync(new CaseId(caseRecord.Id), name, payload, actor, cancellationToken: cancellationToken);
            return;
        }
        var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.CaseId == caseRecord.Id && t.ElementId == waiting.Id
            && (t.State == TaskState.Open || t.State == TaskState.Claimed), cancellationToken);
        await cases.CompleteTaskAsync(new TaskId(task.Id), payload, actor, cancellationToken: cancellationToken);
    }
}
