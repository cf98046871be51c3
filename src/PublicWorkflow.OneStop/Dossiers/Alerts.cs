using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Staff;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>A raised deadline with its dossier's code.</summary>
public sealed record Alert(DossierDeadlineRecord Deadline, string? DossierCode);

/// <summary>The raised deadlines a member of staff is to see (a read model): their agency's team lead's and agency's, or all for the supervisor.</summary>
public sealed class Alerts(OneStopDbContext db)
{
    public const int Limit = 500;

    public async Task<List<Alert>> RaisedAsync(StaffScope scope, bool? acknowledged, CancellationToken cancellationToken = default)
    {
        var query = db.DossierDeadlines.AsNoTracking().Where(d => d.State == DeadlineState.Raised);
        if (!scope.SeesAll)
        {
            var mine = Recipients(scope);
            query = query.Where(d => mine.Contains(d.Recipient));
        }
        query = acknowledged switch
        {
            true => query.Where(d => d.AcknowledgedAt != null),
            false => query.Where(d => d.AcknowledgedAt == null),
            _ => query,
        };
        var raised = await query.OrderByDescending(d => d.RaisedAt).Take(Limit).ToListAsync(cancellationToken);
        var ids = raised.Select(a => a.DossierId).Distinct().ToList();
        var codes = await db.Dossiers.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Code, cancellationToken);
        return raised.Select(a => new Alert(a, codes.GetValueOrDefault(a.DossierId))).ToList();
    }

    /// <summary>Whether an alert is addressed to someone of this scope.</summary>
    public static bool IsFor(StaffScope scope, DossierDeadlineRecord alert) => scope.SeesAll || Recipients(scope).Contains(alert.Recipient);

    private static string[] Recipients(StaffScope scope) => [DossierDeadlines.TeamLead(scope.AgencyCode), DossierDeadlines.AgencyOf(scope.AgencyCode)];
}
