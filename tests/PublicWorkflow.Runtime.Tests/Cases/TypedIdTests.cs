using System.Text.Json;
using PublicWorkflow.Engine.Execution;
using PublicWorkflow.Runtime.Cases;

namespace PublicWorkflow.Runtime.Tests.Cases;

/// <summary>Typed ids change the code, not the data: stored answers written with plain GUIDs still read, and are written the same way.</summary>
public sealed class TypedIdTests
{
    [Test]
    public void A_stored_answer_of_plain_guids_reads_as_typed_ids_and_is_written_back_the_same()
    {
        var caseId = Guid.NewGuid();
        var taskId = Guid.NewGuid();
        // What CommandOutcome looked like in idempotency_keys.ResponseJson before the ids were typed.
        var stored = $$"""{"CaseId":"{{caseId}}","Status":1,"Revision":3,"OpenedTasks":["{{taskId}}"]}""";

        var outcome = JsonSerializer.Deserialize<CommandOutcome>(stored)!;

        Assert.That(outcome, Is.EqualTo(new CommandOutcome(new CaseId(caseId), CaseStatus.Running, 3, outcome.OpenedTasks)));
        Assert.That(outcome.OpenedTasks, Is.EqualTo(new[] { new TaskId(taskId) }));
        Assert.That(JsonSerializer.Serialize(outcome), Is.EqualTo(stored));
    }

    [Test]
    public void Ids_of_different_kinds_with_the_same_guid_are_not_equal_and_print_as_the_guid()
    {
        var guid = Guid.NewGuid();
        Assert.That(new CaseId(guid).Equals(new TaskId(guid)), Is.False);
        Assert.That(new TaskId(guid).ToString(), Is.EqualTo(guid.ToString()));
    }
}
