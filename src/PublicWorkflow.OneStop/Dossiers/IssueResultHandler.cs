using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Results;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Handlers;

namespace PublicWorkflow.OneStop.Dossiers;

/// <summary>
/// <c>SYSTEM.issue-RESULT</c> (e.g. construction.issue-permit): issues the dossier's signed electronic result now, at this
/// step of its workflow, instead of waiting for the sweep, and records its register number in the case; running the
/// step again finds the result already issued. <c>national-population-db.assign-personal-id</c>: the population
/// database assigns the number; until that adapter can assign, the step records a number marked simulated.
/// </summary>
public sealed class IssueResultHandler(OneStopDbContext db, ElectronicResults results, TimeProvider clock) : IServiceHandler
{
    public bool Handles(string handlerName) =>
        handlerName.Contains(".issue-", StringComparison.Ordinal) || handlerName == "national-population-db.assign-personal-id";

    public async Task<IReadOnlyDictionary<string, JsonElement>> HandleAsync(HandlerContext context, CancellationToken cancellationToken)
    {
        if (context.Handler == "national-population-db.assign-personal-id")
        {
            return new Dictionary<string, JsonElement>
            {
                ["personalId"] = JsonSerializer.SerializeToElement($"SIMULATED-{context.CaseId.ToString("N")[..12].ToUpperInvariant()}"),
                ["personalIdSimulated"] = JsonSerializer.SerializeToElement(true),
            };
        }
        var dossier = await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.CaseId == context.CaseId, cancellationToken)
            ?? throw new InvalidOperationException($"case {context.CaseId} has no dossier to issue a result for");
        if (dossier.DecidedBy is null)
        {
            throw new InvalidOperationException($"dossier {dossier.Code}: no decide step recorded who signs its result; the workflow issues it before deciding");
        }
        var issued = await db.DossierResults.AsNoTracking().SingleOrDefaultAsync(r => r.DossierId == dossier.Id, cancellationToken)
            ?? await results.IssueAsync(dossier, clock.GetUtcNow(), cancellationToken)
            // Another node issued it at the same moment, or the dossier changed: the handler's retry finds it.
            ?? throw new RuntimeException(RuntimeErrorKind.Conflict, "result-not-issued", $"the result of dossier {dossier.Code} could not be issued yet");
        return new Dictionary<string, JsonElement>
        {
            ["resultNumber"] = JsonSerializer.SerializeToElement(issued.Number),
            ["resultIssuedAt"] = JsonSerializer.SerializeToElement(issued.IssuedAt.ToString("O", CultureInfo.InvariantCulture)),
        };
    }
}
