using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.Runtime.Definitions;

namespace PublicWorkflow.OneStop.Tests.Catalog;

/// <summary>What a reform officer's edit did to the shared one-stop workflow, as the comparison reports it.</summary>
public sealed class DefinitionComparisonTests
{
    private static readonly string Standard = File.ReadAllText(Path.Combine(Repo.Workflows, "one-stop-standard.bpmn"));

    [Test]
    public void Decision_paths_whose_condition_target_or_default_changed_are_reported_and_steps_are_left_alone()
    {
        var edited = Standard
            .Replace("decision === 'refuse'", "decision === 'refuse' || decision === 'reject'")
            .Replace("""default="Flow_Approve">""", ">")
            .Replace("""<bpmn:sequenceFlow id="Flow_NoObligation" name="Không / No" sourceRef="Gateway_Fees" targetRef="Gateway_FeesMerge" />""",
                """<bpmn:sequenceFlow id="Flow_NoObligation" name="Không / No" sourceRef="Gateway_Fees" targetRef="Task_Decide" />""");

        var comparison = DefinitionComparison.Compare(BpmnParser.Parse(Standard), BpmnParser.Parse(edited));

        Assert.That(comparison.StepChanges, Is.Empty);
        Assert.That(comparison.RouteChanges.Select(r => (r.FlowId, r.Gateway, r.Change, string.Join("; ", r.Differences))), Is.EqualTo(new[]
        {
            ("Flow_Approve", "Gateway_Decision", "changed", "default: yes -> no"),
            ("Flow_NoObligation", "Gateway_Fees", "changed", "leads to: Gateway_FeesMerge -> Task_Decide"),
            ("Flow_Refuse", "Gateway_Decision", "changed", "condition: decision === 'refuse' -> decision === 'refuse' || decision === 'reject'"),
        }));
    }

    [Test]
    public void A_decision_path_added_or_removed_is_reported_and_one_version_compared_with_itself_has_no_changes()
    {
        var withoutRefusal = Standard.Replace(
            """
                <bpmn:sequenceFlow id="Flow_Refuse" name="Từ chối / Refuse" sourceRef="Gateway_Decision" targetRef="Task_Refuse">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">decision === 'refuse'</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
            """, "");
        Assert.That(withoutRefusal, Is.Not.EqualTo(Standard), "the edit applies to the shipped workflow");

        var removed = DefinitionComparison.Compare(BpmnParser.Parse(Standard), BpmnParser.Parse(withoutRefusal)).RouteChanges;
        var added = DefinitionComparison.Compare(BpmnParser.Parse(withoutRefusal), BpmnParser.Parse(Standard)).RouteChanges;

        Assert.That(removed.Select(r => (r.FlowId, r.Change)), Is.EqualTo(new[] { ("Flow_Refuse", "removed") }));
        Assert.That(added.Select(r => (r.FlowId, r.Change)), Is.EqualTo(new[] { ("Flow_Refuse", "added") }));
        Assert.That(DefinitionComparison.Compare(BpmnParser.Parse(Standard), BpmnParser.Parse(Standard)).RouteChanges, Is.Empty);
    }
}
