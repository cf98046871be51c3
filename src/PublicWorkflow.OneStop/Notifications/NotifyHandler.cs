using PublicWorkflow.Runtime.Handlers;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Persistence;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Notifications;

/// <summary>
/// <c>notify-applicant.TEMPLATE</c> and <c>notify.TEMPLATE</c>: queues a notice to the applicant or the agency.
/// One notice per step, however often the step's job runs.
/// </summary>
public sealed class NotifyHandler(OneStopDbContext db, TimeProvider clock) : IServiceHandler
{
    private const string ApplicantPrefix = "notify-applicant.";
    private const string AgencyPrefix = "notify.";

    public bool Handles(string handlerName) =>
        (handlerName.StartsWith(ApplicantPrefix, StringComparison.Ordinal) && handlerName.Length > ApplicantPrefix.Length)
        || (handlerName.StartsWith(AgencyPrefix, StringComparison.Ordinal) && handlerName.Length > AgencyPrefix.Length);

    public async Task<IReadOnlyDictionary<string, JsonElement>> HandleAsync(HandlerContext context, CancellationToken cancellationToken)
    {
        var applicant = context.Handler.StartsWith(ApplicantPrefix, StringComparison.Ordinal);
        var template = context.Handler[(applicant ? ApplicantPrefix : AgencyPrefix).Length..];
        var existing = await db.Notifications.AsNoTracking()
            .SingleOrDefaultAsync(n => n.CaseId == context.CaseId && n.ActivityId == context.ActivityId, cancellationToken);
        if (existing is null)
        {
            existing = new NotificationRecord
            {
                Id = Guid.NewGuid(),
                CaseId = context.CaseId,
                ActivityId = context.ActivityId,
                Recipient = applicant ? "applicant" : "agency",
                Template = template,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Notifications.Add(existing);
            await db.SaveChangesAsync(cancellationToken);
        }
        return new Dictionary<string, JsonElement>
        {
            ["lastNotification"] = JsonSerializer.SerializeToElement(new { id = existing.Id, recipient = existing.Recipient, template }),
        };
    }
}
