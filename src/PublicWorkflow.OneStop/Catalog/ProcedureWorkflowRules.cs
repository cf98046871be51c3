using PublicWorkflow.Engine.Model;
using PublicWorkflow.Engine.Validation;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.Runtime.Definitions;

namespace PublicWorkflow.OneStop.Catalog;

/// <summary>What a procedure's workflow must satisfy beyond the engine's rules: the dossier lifecycle's stage and step-outcome vocabularies.</summary>
public sealed class ProcedureWorkflowRules : IDefinitionRules
{
    public static readonly ProcedureWorkflowRules Instance = new();

    public static readonly IReadOnlyList<IDefinitionRules> All = [Instance];

    public IEnumerable<Problem> Problems(Definition definition) => DossierStage.Problems(definition).Concat(StepOutcome.Problems(definition));
}
