using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Messages;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Feedback;

/// <summary>Keeps a feedback item in step with its case, inside each command's transaction; other cases are left alone.</summary>
internal sealed class FeedbackCaseHook(OneStopDbContext db, ProcedureCatalog catalog, FeedbackClock clock, FeedbackMessages messages, TimeProvider time)
    : ICaseCommandHook
{
    public async Task<ICaseCommandScope?> BeginAsync(CaseRecord @case, CancellationToken cancellationToken)
    {
        if (@case.BusinessKey?.StartsWith("PA-", StringComparison.Ordinal) != true)
        {
            return null;
        }
        var item = db.Feedback.Local.FirstOrDefault(f => f.CaseId == @case.Id)
            ?? await db.Feedback.SingleOrDefaultAsync(f => f.CaseId == @case.Id, cancellationToken);
        return item is null ? null : new FeedbackCommandScope(item, catalog, clock, messages, time.GetUtcNow().UtcDateTime);
    }
}

/// <summary>
/// One command on an item's case: the hub's steps go to the hub, the answer and its approval to the agency the
/// classification routed it to; each stage is due on the calendar; the step's outputs become the item's fields.
/// </summary>
internal sealed class FeedbackCommandScope(FeedbackRecord item, ProcedureCatalog catalog, FeedbackClock clock, FeedbackMessages messages, DateTime now)
    : ICaseCommandScope
{
    public StepAssignment Assign(Definition definition, OpenTask step, StepAssignment proposed, IReadOnlyDictionary<string, JsonElement> variables)
    {
        var routed = Text(variables, FeedbackWorkflow.Agency) ?? item.AgencyCode;
        return step.Form switch
        {
            // The first classification counts from receipt; one after the sender added what was asked, from their answer.
            FeedbackWorkflow.ClassifyForm => new StepAssignment(FeedbackWorkflow.HubGroup, "city",
                clock.RefuseDue(item.Status == FeedbackStatus.MoreInfo ? now : item.ReceivedAt)),
            FeedbackWorkflow.AnswerForm or FeedbackWorkflow.ApproveForm => new StepAssignment(routed, proposed.Level, clock.HandleDue(item.ReceivedAt)),
            FeedbackWorkflow.PublishForm => new StepAssignment(FeedbackWorkflow.HubGroup, "city", clock.PublishDue(now)),
            _ => proposed,
        };
    }

    public string? LevelOf(Definition definition, string elementId, string? proposed) => proposed;

    public async Task OnCommandAsync(CaseCommandContext context, CancellationToken cancellationToken)
    {
        if (context.Command is CompleteTask complete)
        {
            var closed = await context.ClosedTasks.ReadAsync(cancellationToken);
            Decide(closed.FirstOrDefault(t => t.ActivityId == complete.ActivityId)?.Form, complete.Outputs ?? new Dictionary<string, JsonElement>(), context.Actor);
        }
        else if (context.Command is DeliverMessage)
        {
            item.Status = FeedbackStatus.Received;
        }
        // The stage now open, and its deadline; a stage that ends clears its warning and escalation.
        var next = context.Changes.NewTasks.Where(t => t.DueAt is not null).OrderBy(t => t.DueAt).FirstOrDefault();
        if (next is not null || context.Changes.ClosedTasks.Count > 0)
        {
            item.DueAt = next?.DueAt;
            item.WarnAt = next?.DueAt is { } due ? clock.Warning(now, due) : null;
            item.WarnedAt = null;
            item.StageEscalated = false;
        }
        item.Revision++;
    }

    private void Decide(string? form, IReadOnlyDictionary<string, JsonElement> outputs, string actor)
    {
        switch (form)
        {
            case FeedbackWorkflow.ClassifyForm:
                Classify(outputs);
                break;
            case FeedbackWorkflow.AnswerForm:
                item.Answer = Required(outputs, FeedbackWorkflow.Answer, 8000);
                item.AnsweredBy = actor;
                item.AnsweredAt = now;
                item.Status = FeedbackStatus.Answered;
                break;
            case FeedbackWorkflow.ApproveForm:
                var approval = Text(outputs, FeedbackWorkflow.Approval);
                if (approval is not (FeedbackWorkflow.Approve or FeedbackWorkflow.Revise))
                {
                    throw RuntimeException.Invalid("outputs.approval", "approve or revise");
                }
                item.ApprovedBy = approval == FeedbackWorkflow.Approve ? actor : null;
                item.Status = approval == FeedbackWorkflow.Approve ? FeedbackStatus.Approved : FeedbackStatus.Routed;
                break;
            case FeedbackWorkflow.PublishForm:
                item.PublishedQuestion = PlainText.Of(Required(outputs, FeedbackWorkflow.Question, 4000));
                item.PublishedAt = item.ClosedAt = now;
                item.Status = FeedbackStatus.Published;
                item.Late |= item.AnsweredAt > clock.HandleDue(item.ReceivedAt) || item.DueAt < now;
                messages.Answered(item);
                break;
        }
    }

    private void Classify(IReadOnlyDictionary<string, JsonElement> outputs)
    {
        switch (Text(outputs, FeedbackWorkflow.Classification))
        {
            case FeedbackWorkflow.Refuse:
                item.RefusalReason = Required(outputs, FeedbackWorkflow.Reason, 2000);
                item.Status = FeedbackStatus.Refused;
                item.ClosedAt = now;
                item.Late |= now > clock.RefuseDue(item.ReceivedAt);
                messages.Refused(item);
                break;
            case FeedbackWorkflow.MoreInfo:
                item.MoreInfoRequest = Required(outputs, FeedbackWorkflow.Reason, 2000);
                item.Status = FeedbackStatus.MoreInfo;
                item.Late |= now > clock.MoreInfoDue(item.ReceivedAt);
                messages.MoreInfoRequested(item);
                break;
            case FeedbackWorkflow.Accept:
                var category = Text(outputs, FeedbackWorkflow.Category);
                if (category is null || !FeedbackWorkflow.Categories.Contains(category))
                {
                    throw RuntimeException.Invalid("outputs.category", $"one of {string.Join(", ", FeedbackWorkflow.Categories)}");
                }
                var agency = Text(outputs, FeedbackWorkflow.Agency) ?? item.AgencyCode;
                if (agency is null || catalog.Structure.Agency(agency, clock.LocalDate(now)) is null)
                {
                    throw RuntimeException.Invalid("outputs.agency", "the agency in force that is to answer (its code) / cần nêu cơ quan có trách nhiệm trả lời");
                }
                item.Category = category;
                item.AgencyCode = agency;
                item.Status = FeedbackStatus.Routed;
                break;
            default:
                throw RuntimeException.Invalid("outputs.classification", "accept, refuse or more-info");
        }
    }

    private static string? Text(IReadOnlyDictionary<string, JsonElement> values, string name) =>
        values.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text.Trim() : null;

    private static string Required(IReadOnlyDictionary<string, JsonElement> outputs, string name, int max) =>
        Text(outputs, name) is { } text
            ? text.Length <= max ? text : throw RuntimeException.Invalid($"outputs.{name}", $"at most {max} characters")
            : throw RuntimeException.Invalid($"outputs.{name}", "is required / không được để trống");
}
