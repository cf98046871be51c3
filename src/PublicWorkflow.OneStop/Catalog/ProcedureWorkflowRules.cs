using PublicWorkflow.Engine.Calendar;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Engine.Validation;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.Runtime.Definitions;

namespace PublicWorkflow.OneStop.Catalog;

/// <summary>
/// What a procedure's workflow must satisfy beyond the engine's rules: the dossier lifecycle's stage and step-outcome
/// vocabularies (errors) and, when the catalog is known, the statutory time limits of the procedures that run it on
/// today's date (warnings).
/// </summary>
public sealed class ProcedureWorkflowRules(ProcedureCatalog? catalog = null, WorkingCalendar? calendar = null, TimeProvider? clock = null) : IDefinitionRules
{
    /// <summary>The vocabularies alone: what loading the catalog itself checks its workflow files against.</summary>
    public static readonly IReadOnlyList<IDefinitionRules> All = [new ProcedureWorkflowRules()];

    public IEnumerable<Problem> Problems(Definition definition)
    {
        var problems = DossierStage.Problems(definition).Concat(StepOutcome.Problems(definition));
        if (catalog is null || calendar is null || clock is null)
        {
            return problems;
        }
        var today = DateOnly.FromDateTime(calendar.ToLocal(clock.GetUtcNow()));
        return problems.Concat(StatutoryLimitCheck.Problems(definition, catalog, today));
    }
}
