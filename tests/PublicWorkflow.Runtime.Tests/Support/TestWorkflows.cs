namespace PublicWorkflow.Runtime.Tests.Support;

/// <summary>Small BPMN workflows for the runtime tests.</summary>
internal static class TestWorkflows
{
    private const string Head = """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:pwf="urn:publicworkflow:bpmn:1.0" id="D">""";

    /// <summary>receive -> appraise -> approve; appraise has a non-interrupting reminder after <paramref name="reminder"/>.</summary>
    public static string ThreeSteps(string reminder = "P2D", string processId = "three-steps") => Head + $"""
          <process id="{processId}" isExecutable="true">
            <startEvent id="start" />
            <userTask id="receive" name="Receive" pwf:candidateRole="reception-clerk" pwf:level="commune" pwf:timeLimit="0" />
            <userTask id="appraise" name="Appraise" pwf:candidateRole="officer" pwf:level="commune" pwf:timeLimit="2" />
            <boundaryEvent id="reminder" attachedToRef="appraise" cancelActivity="false">
              <timerEventDefinition><timeDuration xsi:type="tFormalExpression">{reminder}</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <serviceTask id="remind" pwf:handler="notify.appraisal-overdue" />
            <endEvent id="reminded" />
            <userTask id="approve" name="Approve" pwf:candidateRole="chairman" pwf:level="commune" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="receive" />
            <sequenceFlow id="f2" sourceRef="receive" targetRef="appraise" />
            <sequenceFlow id="f3" sourceRef="appraise" targetRef="approve" />
            <sequenceFlow id="f4" sourceRef="approve" targetRef="end" />
            <sequenceFlow id="f5" sourceRef="reminder" targetRef="remind" />
            <sequenceFlow id="f6" sourceRef="remind" targetRef="reminded" />
          </process>
        </definitions>
        """;

    /// <summary>A clerk's task and the applicant's documents (a message) in parallel, joined, then a last task.</summary>
    public const string TaskAndMessage = Head + """
          <message id="M" name="documents" />
          <process id="task-and-message" isExecutable="true">
            <startEvent id="start" />
            <parallelGateway id="fork" />
            <userTask id="work" pwf:candidateRole="clerk" />
            <intermediateCatchEvent id="documents"><messageEventDefinition messageRef="M" /></intermediateCatchEvent>
            <parallelGateway id="join" />
            <userTask id="last" pwf:candidateRole="clerk" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
            <sequenceFlow id="f2" sourceRef="fork" targetRef="work" />
            <sequenceFlow id="f3" sourceRef="fork" targetRef="documents" />
            <sequenceFlow id="f4" sourceRef="work" targetRef="join" />
            <sequenceFlow id="f5" sourceRef="documents" targetRef="join" />
            <sequenceFlow id="f6" sourceRef="join" targetRef="last" />
            <sequenceFlow id="f7" sourceRef="last" targetRef="end" />
          </process>
        </definitions>
        """;

    /// <summary>A wait of <paramref name="duration"/>, then a clerk's task.</summary>
    public static string TimerThenTask(string duration) => Head + $"""
          <process id="cool-off" isExecutable="true">
            <startEvent id="start" />
            <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration xsi:type="tFormalExpression">{duration}</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <userTask id="after" pwf:candidateRole="clerk" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <sequenceFlow id="f2" sourceRef="wait" targetRef="after" />
            <sequenceFlow id="f3" sourceRef="after" targetRef="end" />
          </process>
        </definitions>
        """;

    /// <summary>One service task whose handler is <c>test.flaky</c>.</summary>
    public const string FlakyService = Head + """
          <process id="flaky" isExecutable="true">
            <startEvent id="start" />
            <serviceTask id="register" pwf:handler="test.flaky" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="register" />
            <sequenceFlow id="f2" sourceRef="register" targetRef="end" />
          </process>
        </definitions>
        """;

    /// <summary>A parent whose call activity starts <c>three-steps</c> and waits for it.</summary>
    public const string CallsThreeSteps = Head + """
          <process id="parent" isExecutable="true">
            <startEvent id="start" />
            <callActivity id="call" calledElement="three-steps" />
            <userTask id="after" pwf:candidateRole="clerk" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="call" />
            <sequenceFlow id="f2" sourceRef="call" targetRef="after" />
            <sequenceFlow id="f3" sourceRef="after" targetRef="end" />
          </process>
        </definitions>
        """;
}
