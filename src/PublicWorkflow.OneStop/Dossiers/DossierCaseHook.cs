using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Persistence;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.OneStop.Messages;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;
using EngineCaseStatus = PublicWorkflow.Engine.Execution.CaseStatus;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>
/// Keeps a dossier in step with its case, inside each command's transaction. Cases without a dossier are left alone.
/// </summary>
internal sealed class DossierCaseHook(OneStopDbContext db, ProcedureCatalog catalog, DossierClock clock, DossierDeadlines deadlines, ApplicantMessages messages)
    : ICaseCommandHook
{
    public async Task<ICaseCommandScope?> BeginAsync(CaseRecord @case, CancellationToken cancellationToken) =>
        @case.BusinessKey is null || await deadlines.DossierOfCaseAsync(@case.Id) is not { } dossier
            ? null
            : new DossierCommandScope(db, dossier, catalog.Find(dossier.ProcedureCode), clock, deadlines, messages);
}

/// <summary>
/// One command on a dossier's case: gives new steps to the branch or the resolving agency, at that agency's level, due
/// by the step's own limit or, without one, its share of the time limit (decided before the task rows exist); then
/// writes the tracking sheet, derives the
/// national status, pauses and resumes the clock, and schedules or cancels the deadlines.
/// </summary>
internal sealed class DossierCommandScope(OneStopDbContext db, DossierRecord dossier, Procedure? procedure, DossierClock clock, DossierDeadlines deadlines,
    ApplicantMessages messages) : ICaseCommandScope
{
    private readonly TimeLimit? limit = DossierClock.Parse(dossier.TimeLimit);

    public StepAssignment Assign(Definition definition, OpenTask step, StepAssignment proposed, IReadOnlyDictionary<string, JsonElement> variables)
    {
        var node = definition.Node(step.ElementId);
        var stage = DossierStage.Of(node);
        var group = stage.Party is Party.Branch or Party.Applicant ? dossier.BranchCode : dossier.AgencyCode;
        // A step's own limit (pwf:timeLimit) is the published internal process's time for it; the stage's share of the
        // appointment is only the fallback for a step without one.
        var due = stage.Party == Party.Applicant || limit is null || dossier.AppointmentAt is not { } appointment || node is not null && StepSettings.Of(node).TimeLimit is not null
            ? proposed.DueAt
            : clock.StepDue(new DateTimeOffset(appointment, TimeSpan.Zero), limit.Value, stage.Share).UtcDateTime;
        return new StepAssignment(group, LevelOf(stage), due);
    }

    public string? LevelOf(Definition definition, string elementId, string? proposed) =>
        definition.Node(elementId) is { } node && (node is UserTask || node.Pwf.Stage is not null) ? LevelOf(DossierStage.Of(node)) : proposed;

    private string? LevelOf(DossierStage stage) => stage.Party is Party.Branch or Party.Applicant ? "branch" : dossier.Level;

    public async Task OnCommandAsync(CaseCommandContext context, CancellationToken cancellationToken)
    {
        var now = new DateTimeOffset(context.Now, TimeSpan.Zero);
        var closedTasks = context.Changes.ClosedTasks.Count == 0 ? [] : await context.ClosedTasks.ReadAsync(cancellationToken);
        ReadStepOutputs(context, dossier, closedTasks);
        ScheduleSteps(context);
        RecordHandovers(context, dossier, closedTasks);
        if (closedTasks.Count > 0)
        {
            await deadlines.CancelPendingAsync(dossier, closedTasks.Select(t => t.Id).ToList(), cancellationToken);
        }
        await UpdateStatusAsync(context, dossier, closedTasks, procedure, now, cancellationToken);
        dossier.Revision++;
    }

    /// <summary>A step given a share of the appointment is watched: overdue, its team lead hears of it.</summary>
    private void ScheduleSteps(CaseCommandContext context)
    {
        foreach (var task in context.Changes.NewTasks)
        {
            if (DossierStage.Of(context.Definition.Node(task.ElementId)).Party != Party.Applicant && limit is not null && dossier.AppointmentAt is not null
                && task.DueAt is not null)
            {
                deadlines.ScheduleStep(dossier, task);
            }
        }
    }

    /// <summary>What the lifecycle needs from a finished step: the reasons of a refusal, what is missing. (Digitized follows the files kept, not a step.)</summary>
    private void ReadStepOutputs(CaseCommandContext context, DossierRecord dossier, IReadOnlyList<TaskRecord> closedTasks)
    {
        if (context.Command is not CompleteTask complete)
        {
            return;
        }
        var task = closedTasks.FirstOrDefault(t => t.ActivityId == complete.ActivityId);
        var stage = DossierStage.Of(context.Definition.Node(task?.ElementId));
        var outputs = complete.Outputs ?? new Dictionary<string, JsonElement>();
        switch (stage.Name)
        {
            case "refuse":
                // The reasons are given here, or already with the appraisal's decision to refuse.
                if (Texts(outputs, StepOutcome.Reasons) is { Count: > 0 } reasons)
                {
                    dossier.RefusalReasons = JsonSerializer.Serialize(reasons);
                }
                if (dossier.RefusalReasons is null)
                {
                    throw RuntimeException.Invalid("outputs.reasons", "a refusal must state its reasons / văn bản từ chối phải nêu rõ lý do");
                }
                dossier.Outcome = DossierOutcome.Refused;
                break;
            case "return" when dossier.Outcome != DossierOutcome.Refused && dossier.FeeAmount > 0 && dossier.FeePaidAt is null:
                // The fee is the condition of the result, whatever the channel: the result waits for the payment to be recorded.
                throw RuntimeException.Rejected("fee-unpaid", $"dossier {dossier.Code}: the fee of {dossier.FeeAmount:0} VND is not paid; record the payment before returning the result / chưa nộp phí, lệ phí");
            case "decide":
                dossier.Outcome ??= DossierOutcome.Granted;
                dossier.DecidedBy = context.Actor;
                dossier.ResultDue = dossier.Outcome == DossierOutcome.Granted;
                break;
        }
        var decided = outputs.TryGetValue(StepOutcome.Decision, out var decision) && decision.ValueKind == JsonValueKind.String ? decision.GetString() : null;
        if (decided == StepOutcome.Refuse && Texts(outputs, StepOutcome.Reasons) is { Count: > 0 } given)
        {
            dossier.RefusalReasons = JsonSerializer.Serialize(given);
        }
        if (decided == StepOutcome.Supplement)
        {
            var missing = Texts(outputs, StepOutcome.Missing);
            if (missing.Count == 0)
            {
                throw RuntimeException.Invalid("outputs.missing", "a supplement request must list everything that is missing / yêu cầu bổ sung phải nêu đủ các giấy tờ còn thiếu");
            }
            if (dossier.SupplementRequests >= dossier.SupplementRequestsAllowed)
            {
                // One complete request is the rule; another needs the supervisor's override and counts as late.
                throw RuntimeException.Rejected("supplement-already-requested",
                    $"dossier {dossier.Code} was already asked to supplement once: a further request needs the supervisor's override with a reason / đã yêu cầu bổ sung một lần, lần tiếp theo cần lãnh đạo Trung tâm cho phép");
            }
            var items = missing.Select(m => procedure?.Documents.FirstOrDefault(d => d.Id == m) is { } known
                ? new MissingItem(known.Id, $"{known.Name.Vi} / {known.Name.En}")
                : new MissingItem(null, m)).ToList();
            dossier.MissingJson = JsonSerializer.Serialize(items.Select(i => i.Text));
            dossier.MissingDocumentsJson = JsonSerializer.Serialize(items.Select(i => i.DocumentId).OfType<string>().Distinct());
            dossier.SupplementRequestedAt = context.Now;
            dossier.SupplementRequests++;
            messages.SupplementRequested(dossier);
        }
    }

    private void RecordHandovers(CaseCommandContext context, DossierRecord dossier, IReadOnlyList<TaskRecord> closedTasks)
    {
        var receivers = context.Changes.NewTasks
            .Select(t => PartyLabel(DossierStage.Of(context.Definition.Node(t.ElementId)).Party, dossier))
            .Distinct().ToList();
        var waiting = context.Result.State.Activities
            .Select(a => context.Definition.Node(a.ElementId))
            .Where(n => n is IntermediateCatchEvent or BoundaryEvent && DossierStage.Of(n).Party == Party.Applicant)
            .Select(_ => PartyLabel(Party.Applicant, dossier));
        var to = string.Join(", ", receivers.Concat(waiting).Distinct().DefaultIfEmpty(context.Result.State.Status == EngineCaseStatus.Completed ? "applicant" : "-"));
        foreach (var closure in context.Changes.ClosedTasks.Where(c => c.State == TaskState.Completed))
        {
            var task = closedTasks.FirstOrDefault(t => t.ActivityId == closure.ActivityId);
            if (task is null)
            {
                continue;
            }
            var stage = DossierStage.Of(context.Definition.Node(task.ElementId));
            db.Handovers.Add(new HandoverRecord
            {
                DossierId = dossier.Id,
                At = context.Now,
                Step = task.ElementId,
                StepName = task.Name ?? task.ElementId,
                FromParty = PartyLabel(stage.Party, dossier),
                FromActor = context.Actor,
                ToParty = to,
                StepDueAt = task.DueAt,
                Timing = clock.Timing(new DateTimeOffset(context.Now, TimeSpan.Zero), task.DueAt is { } due ? new DateTimeOffset(due, TimeSpan.Zero) : null),
            });
        }
    }

    private static string PartyLabel(Party party, DossierRecord dossier) => party switch
    {
        Party.Branch => $"branch:{dossier.BranchCode}",
        Party.Agency => $"agency:{dossier.AgencyCode}",
        _ => "applicant",
    };

    private async Task UpdateStatusAsync(CaseCommandContext context, DossierRecord dossier, IReadOnlyList<TaskRecord> closedTasks, Procedure? procedure, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (DossierStatuses.IsClosed(dossier.Status) || dossier.Status == DossierStatus.Withdrawn)
        {
            return; // stopped before the case was cancelled, or a withdrawal awaits the agency's stop
        }
        var state = context.Result.State;
        var returned = context.Changes.ClosedTasks.Any(c => c.State == TaskState.Completed
            && DossierStage.Of(context.Definition.Node(closedTasks.FirstOrDefault(t => t.ActivityId == c.ActivityId)?.ElementId)).Name == "return");
        var status = state.Status switch
        {
            EngineCaseStatus.Running => DossierStage.StatusOf(state.Activities.Select(a => DossierStage.Of(context.Definition.Node(a.ElementId)))),
            EngineCaseStatus.Completed when returned => DossierStatus.Returned,
            EngineCaseStatus.Completed when dossier.Outcome is not null || DossierStatuses.IsResolved(dossier.Status) => DossierStatus.Resolved,
            _ => DossierStatus.Stopped,
        };

        var rule = procedure?.SupplementClock ?? SupplementClock.Pause;
        var shouldPause = (status == DossierStatus.SupplementRequested && rule != SupplementClock.Keep)
            || (status == DossierStatus.AwaitingFees && procedure?.FinancialObligationsPauseClock == true);
        if (shouldPause && dossier.ClockPausedAt is null)
        {
            dossier.ClockPausedAt = context.Now;
            await deadlines.CancelPendingAsync(dossier, null, cancellationToken);
        }
        else if (!shouldPause && dossier.ClockPausedAt is { } pausedAt && limit is not null && dossier.AppointmentAt is { } appointment)
        {
            var resumed = clock.Resume(status == DossierStatus.AwaitingFees ? SupplementClock.Pause : rule,
                new DateTimeOffset(appointment, TimeSpan.Zero), new DateTimeOffset(pausedAt, TimeSpan.Zero), now, limit.Value);
            dossier.AppointmentAt = resumed.UtcDateTime;
            dossier.ClockPausedAt = null;
            if (!DossierStatuses.IsResolved(status))
            {
                deadlines.ScheduleDossier(dossier, now, now);
            }
        }

        if (DossierStatuses.IsResolved(status) && dossier.ResolvedAt is null)
        {
            dossier.ResolvedAt = context.Now;
            await deadlines.CancelPendingAsync(dossier, null, cancellationToken);
        }
        if (status == DossierStatus.Returned)
        {
            dossier.ReturnedAt = context.Now;
            messages.SurveyOffered(dossier);
        }
        if (status == DossierStatus.Stopped)
        {
            dossier.StopReason ??= "the workflow ended without a result / quy trình kết thúc mà không có kết quả";
            await deadlines.CancelPendingAsync(dossier, null, cancellationToken);
        }
        dossier.Status = status;
    }

    private static List<string> Texts(IReadOnlyDictionary<string, JsonElement> outputs, string name)
    {
        if (!outputs.TryGetValue(name, out var value))
        {
            return [];
        }
        return value.ValueKind switch
        {
            JsonValueKind.String when value.GetString()!.Trim().Length > 0 => [value.GetString()!.Trim()],
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String && v.GetString()!.Trim().Length > 0)
                .Select(v => v.GetString()!.Trim()).ToList(),
            _ => [],
        };
    }
}
