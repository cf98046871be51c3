using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Catalog;
namespace PublicWorkflow.OneStop.Structure;

/// <summary>Where a dossier goes: the agency that resolves it and that agency's level, as the structure stood on the day of receipt.</summary>
public sealed record Route(Agency Agency, string Level);

/// <summary>
/// Routes a dossier by the structure in force when it was received: the procedure's resolving rule for that day
/// names an agency, or a kind of agency at a level that is found from the locality the rule's competence names (the
/// plot, the business seat, the new residence…). Routing never depends on the receiving point, except for a procedure
/// any commune may resolve (certification), which the receiving commune resolves.
/// </summary>
public static class Routing
{
    public static Route Resolve(ProcedureCatalog catalog, Procedure procedure, DateOnly receivedOn, string? locality, Branch? receivingPoint = null)
    {
        var structure = catalog.Structure;
        var rule = procedure.ResolvingOn(receivedOn)
            ?? throw RuntimeException.Invalid("procedure", $"procedure {procedure.Code} names no resolving agency on {receivedOn:yyyy-MM-dd}");
        if (rule.AgencyCode is { } code)
        {
            var named = structure.Agency(code, receivedOn)
                ?? throw RuntimeException.Invalid("procedure", $"agency {code} is not in force on {receivedOn:yyyy-MM-dd}");
            return new Route(named, named.Level);
        }
        var competence = rule.LocalCompetence!;
        if (competence.Basis == CompetenceBasis.ReceivingPoint && receivingPoint?.Kind == PointKind.CommunePoint)
        {
            locality = receivingPoint.Unit;
        }
        var question = Competence.Question(competence.Basis);
        if (string.IsNullOrWhiteSpace(locality))
        {
            throw RuntimeException.Invalid("locality", $"procedure {procedure.Code} is resolved at {rule.Level} level: give the {question.En.ToLowerInvariant()} / cần nêu {question.Vi.ToLowerInvariant()}");
        }
        if (structure.Unit(locality, receivedOn) is null)
        {
            throw RuntimeException.Invalid("locality", $"no ward or commune '{locality}' was in force on {receivedOn:yyyy-MM-dd}");
        }
        var unit = structure.UnitAtLevel(locality, rule.Level!, receivedOn)
            ?? throw RuntimeException.Invalid("locality", $"'{locality}' lies in no {rule.Level}-level unit on {receivedOn:yyyy-MM-dd}");
        var agency = structure.AgencyOf(rule.AgencyKind!, unit.Code, receivedOn)
            ?? throw RuntimeException.Invalid("locality", $"no {rule.AgencyKind} serves {unit.Code} on {receivedOn:yyyy-MM-dd}");
        return new Route(agency, rule.Level!);
    }
}
