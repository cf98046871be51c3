using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>A dossier, tracked, with its pending deadlines.</summary>
internal sealed record DossierWithPendingRow(DossierRecord Dossier, List<DossierDeadlineRecord> Pending);

/// <summary>
/// The dossier reads made on every request of the busiest kinds (every case command, public tracking), compiled once
/// per model: EF then skips comparing and parameterising the query tree each time (measured: about a quarter of a
/// public tracking request's CPU time before). A compiled query serves one model only, hence one set per context type.
/// </summary>
internal sealed class DossierQueries
{
    private static readonly ConcurrentDictionary<Type, DossierQueries> PerModel = new();

    public static DossierQueries For(OneStopDbContext db) => PerModel.GetOrAdd(db.GetType(), _ => new DossierQueries());

    /// <summary>The case's dossier, tracked, with its pending deadlines (every command that closes a step cancels one).</summary>
    public Func<OneStopDbContext, Guid, Task<DossierWithPendingRow?>> DossierOfCase { get; } =
        EF.CompileAsyncQuery((OneStopDbContext db, Guid caseId) => db.Dossiers.Where(d => d.CaseId == caseId)
            .Select(d => new DossierWithPendingRow(d, db.DossierDeadlines.Where(x => x.DossierId == d.Id && x.State == DeadlineState.Pending).ToList()))
            .SingleOrDefault());

    /// <summary>What the public may see of a dossier, with the open step due first (its name and level).</summary>
    public Func<OneStopDbContext, string, Task<PublicDossierView?>> PublicView { get; } =
        EF.CompileAsyncQuery((OneStopDbContext db, string code) => db.Dossiers.AsNoTracking().Where(d => d.Code == code)
            .Select(d => new PublicDossierView(d.Code!, d.LookupKey, d.ProcedureCode, d.Status, d.AgencyCode, d.ReceivedAt, d.AppointmentAt, d.AppointmentBeforeApology,
                d.ResolvedAt, d.ClockPausedAt, d.RatedAt,
                db.Tasks.Where(t => t.CaseId == d.CaseId && (t.State == TaskState.Open || t.State == TaskState.Claimed)).OrderBy(t => t.DueAt)
                    .Select(t => t.Name).FirstOrDefault(),
                db.Tasks.Where(t => t.CaseId == d.CaseId && (t.State == TaskState.Open || t.State == TaskState.Claimed)).OrderBy(t => t.DueAt)
                    .Select(t => t.Level).FirstOrDefault(),
                d.MissingJson, d.MissingDocumentsJson))
            .SingleOrDefault());
}
