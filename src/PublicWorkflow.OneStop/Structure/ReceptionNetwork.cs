using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.OneStop.Structure;

/// <summary>A service point as a citizen looking for where to file sees it: whether it receives the procedure and serves their ward.</summary>
public sealed record PointChoice(Branch Point, bool? Receives, bool? ServesLocality);

/// <summary>
/// Where a procedure can be filed: the open service points that receive it, nearest first when the citizen names
/// their ward or commune. No coordinates are sourced, so "nearest" is the point that serves that ward (its commune
/// center), then the points serving the whole city; distance in kilometres cannot be reported honestly yet.
/// </summary>
public static class ReceptionNetwork
{
    public static IReadOnlyList<PointChoice> PointsFor(ProcedureCatalog catalog, Procedure? procedure, string? locality, DateOnly on)
    {
        var structure = catalog.Structure;
        if (locality is not null && structure.Unit(locality, on) is null)
        {
            throw RuntimeException.Invalid("locality", $"no ward or commune '{locality}' in force on {on:yyyy-MM-dd}");
        }
        var level = procedure is null ? null : LevelOf(catalog, procedure, on);
        return structure.Branches.Where(b => b.Validity.Covers(on))
            .Select(b => new PointChoice(b, level is null ? null : b.Receives(level), locality is null ? null : b.Area is not null && b.Serves(locality)))
            .Where(c => c.Receives != false)
            .OrderByDescending(c => c.ServesLocality == true)
            .ThenBy(c => c.Point.Kind)
            .ThenBy(c => c.Point.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The level that resolves the procedure on the day, or null when no rule is in force (then no point receives it).</summary>
    private static string? LevelOf(ProcedureCatalog catalog, Procedure procedure, DateOnly on) =>
        procedure.ResolvingOn(on) is not { } rule
            ? throw RuntimeException.Invalid("procedure", $"procedure {procedure.Code} is not received on {on:yyyy-MM-dd}: no resolving rule is in force")
            : rule.Level ?? catalog.Structure.Agency(rule.AgencyCode!, on)?.Level;
}
