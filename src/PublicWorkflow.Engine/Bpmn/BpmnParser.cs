using System.Xml.Linq;
using PublicWorkflow.Engine.Model;
using static PublicWorkflow.Engine.Bpmn.BpmnNames;

namespace PublicWorkflow.Engine.Bpmn;

/// <summary>
/// Reads BPMN 2.0 XML (as bpmn-js and Camunda Modeler write it) into a <see cref="Definition"/>.
/// It never drops anything silently: what it cannot execute becomes an unsupported
/// <see cref="RawElement"/> that the validator reports; what needs no execution is kept verbatim.
/// </summary>
public static class BpmnParser
{
    private static readonly HashSet<string> ArtifactElements =
    [
        "laneSet", "textAnnotation", "association", "group", "dataObject", "dataObjectReference",
        "dataStoreReference", "category",
    ];

    /// <summary>Children that carry no execution meaning and are kept verbatim on their element.</summary>
    private static readonly HashSet<string> NeutralChildren = ["documentation", "extensionElements"];

    /// <summary>Children regenerated from the model (incoming/outgoing) or read into it.</summary>
    private static readonly HashSet<string> ModelledChildren =
    [
        "incoming", "outgoing", "conditionExpression", "messageEventDefinition", "timerEventDefinition",
        "escalationEventDefinition", "terminateEventDefinition",
    ];

    /// <summary>How deep sub-processes may nest: real procedures use one or two levels.</summary>
    public const int MaxSubProcessDepth = 50;

    public static Definition Parse(string xml) => Parse(SafeXml.Load(xml));

    public static Definition Parse(XDocument document)
    {
        var root = document.Root!;
        if (root.Name != ModelNs + "definitions")
        {
            throw new BpmnFormatException(
                $"the root element is <{root.Name.LocalName}> in '{root.Name.NamespaceName}', not BPMN 2.0 <definitions> in '{ModelUri}'",
                SafeXml.LineOf(root));
        }

        var processes = root.Elements(ModelNs + "process").ToList();
        var process = processes.FirstOrDefault(p => (string?)p.Attribute("isExecutable") == "true") ?? processes.FirstOrDefault()
            ?? throw new BpmnFormatException("the file has no <process>", SafeXml.LineOf(root));

        var reader = new ElementReader();
        reader.ReadContainer(process, parentId: null, depth: 0);

        return new Definition
        {
            DefinitionsId = (string?)root.Attribute("id") ?? "Definitions",
            TargetNamespace = (string?)root.Attribute("targetNamespace"),
            ProcessId = (string?)process.Attribute("id") ?? "Process",
            ProcessName = (string?)process.Attribute("name"),
            IsExecutable = (string?)process.Attribute("isExecutable") != "false",
            ProcessLine = SafeXml.LineOf(process),
            Nodes = reader.Nodes.ToValueList(),
            Flows = reader.Flows.ToValueList(),
            RawElements = reader.Raw.ToValueList(),
            Messages = root.Elements(ModelNs + "message")
                .Select(m => new MessageDefinition((string?)m.Attribute("id") ?? "", (string?)m.Attribute("name"))).ToValueList(),
            Escalations = root.Elements(ModelNs + "escalation")
                .Select(e => new EscalationDefinition((string?)e.Attribute("id") ?? "", (string?)e.Attribute("name"), (string?)e.Attribute("escalationCode")))
                .ToValueList(),
            Namespaces = WithStandardNamespaces(root.Attributes().Where(a => a.IsNamespaceDeclaration)
                .Select(a => new NamespaceDeclaration(a.Name.Namespace == XNamespace.None ? "" : a.Name.LocalName, a.Value))),
            RootPreserved = KeepRest(root, ["id", "targetNamespace"], []),
            ProcessPreserved = KeepRest(process, ["id", "name", "isExecutable"], process.Elements().Where(IsNeutral)),
            RootElements = root.Elements()
                .Where(e => e != process && e.Name != ModelNs + "message" && e.Name != ModelNs + "escalation")
                .Select(SafeXml.Normalise).ToValueList(),
        };
    }

    /// <summary>
    /// The prefixes export needs are part of the model, so that parse, export, parse gives an equal model
    /// even for a file that declared fewer.
    /// </summary>
    private static ValueList<NamespaceDeclaration> WithStandardNamespaces(IEnumerable<NamespaceDeclaration> declared)
    {
        var list = declared.ToList();
        foreach (var (prefix, uri) in new[] { ("bpmn", ModelUri), ("xsi", Xsi), ("pwf", Pwf) })
        {
            if (list.All(n => n.Uri != uri))
            {
                list.Add(new NamespaceDeclaration(list.Any(n => n.Prefix == prefix) ? prefix + "1" : prefix, uri));
            }
        }
        return list.ToValueList();
    }

    private static bool IsNeutral(XElement e) => e.Name.Namespace == ModelNs && NeutralChildren.Contains(e.Name.LocalName);

    /// <summary>Keeps every attribute not consumed into the model, and the neutral children.</summary>
    private static Preserved KeepRest(XElement element, HashSet<string> consumed, IEnumerable<XElement> children) =>
        new(
            element.Attributes()
                .Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace != PwfNs &&
                            !(a.Name.Namespace == XNamespace.None && consumed.Contains(a.Name.LocalName)))
                .Select(a => new ForeignAttribute(a.Name.ToString(), a.Value)).ToValueList(),
            children.Select(SafeXml.Normalise).ToValueList());

    private static PwfAttributes ReadPwf(XElement e)
    {
        string? Get(string name) => (string?)e.Attribute(PwfNs + name);
        return new PwfAttributes(Get("level"), Get("candidateRole"), Get("assignee"), Get("timeLimit"),
            Get("timeLimitUnit"), Get("handler"), Get("form"), Get("stage"));
    }

    /// <summary>Walks one container (process or sub-process) and collects what it finds.</summary>
    private sealed class ElementReader
    {
        private readonly HashSet<string> seenIds = [];

        public List<FlowNode> Nodes { get; } = [];
        public List<SequenceFlow> Flows { get; } = [];
        public List<RawElement> Raw { get; } = [];

        public void ReadContainer(XElement container, string? parentId, int depth)
        {
            if (depth > MaxSubProcessDepth)
            {
                throw new BpmnFormatException($"sub-processes nest deeper than {MaxSubProcessDepth} levels", SafeXml.LineOf(container));
            }
            foreach (var child in container.Elements())
            {
                if (child.Name.Namespace == ModelNs && (NeutralChildren.Contains(child.Name.LocalName) || child.Name.LocalName is "incoming" or "outgoing"))
                {
                    continue; // kept on the container itself, or regenerated from the flows
                }

                var id = (string?)child.Attribute("id");
                if (id is not null && !seenIds.Add(id))
                {
                    Raw.Add(new RawElement(RawElementKind.DuplicateId, child.Name.LocalName, id, parentId, SafeXml.LineOf(child), SafeXml.Normalise(child)));
                    continue;
                }

                ReadElement(child, id, parentId, depth);
            }
        }

        private void ReadElement(XElement e, string? id, string? parentId, int depth)
        {
            var local = e.Name.LocalName;
            if (e.Name.Namespace == ModelNs && ArtifactElements.Contains(local))
            {
                Raw.Add(new RawElement(RawElementKind.Artifact, local, id, parentId, SafeXml.LineOf(e), SafeXml.Normalise(e)));
                return;
            }

            var unsupportedPart = e.Name.Namespace != ModelNs ? null : UnsupportedPart(e);
            if (e.Name.Namespace != ModelNs || unsupportedPart is not null || id is null)
            {
                var what = unsupportedPart is null ? local : $"{local} with {unsupportedPart}";
                Raw.Add(new RawElement(RawElementKind.Unsupported, what, id, parentId, SafeXml.LineOf(e), SafeXml.Normalise(e)));
                return;
            }

            if (local == "sequenceFlow")
            {
                Flows.Add(ReadFlow(e, id, parentId));
                return;
            }

            var node = ReadNode(e, id, parentId);
            if (node is null)
            {
                var eventKind = e.Elements().FirstOrDefault(c => c.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal));
                var what = eventKind is null ? local : $"{local} with {eventKind.Name.LocalName}";
                Raw.Add(new RawElement(RawElementKind.Unsupported, what, id, parentId, SafeXml.LineOf(e), SafeXml.Normalise(e)));
                return;
            }

            Nodes.Add(node);
            if (node is SubProcess)
            {
                ReadContainer(e, id, depth + 1);
            }
        }

        /// <summary>Names the part of a known element that we cannot execute (loops, data mappings, other event kinds).</summary>
        private static string? UnsupportedPart(XElement e)
        {
            if (e.Name.LocalName == "subProcess" && (string?)e.Attribute("triggeredByEvent") == "true")
            {
                return "triggeredByEvent (event sub-process)";
            }

            if (e.Name.LocalName is "sequenceFlow" or "subProcess")
            {
                return null;
            }

            var odd = e.Elements().FirstOrDefault(c =>
                c.Name.Namespace != ModelNs ||
                !(NeutralChildren.Contains(c.Name.LocalName) || ModelledChildren.Contains(c.Name.LocalName)));
            if (odd is not null)
            {
                return odd.Name.LocalName;
            }

            return e.Elements().Count(c => c.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)) > 1
                ? "several event definitions"
                : null;
        }

        private static SequenceFlow ReadFlow(XElement e, string id, string? parentId)
        {
            var condition = e.Element(ModelNs + "conditionExpression");
            return new SequenceFlow
            {
                Id = id,
                Name = (string?)e.Attribute("name"),
                SourceRef = (string?)e.Attribute("sourceRef") ?? "",
                TargetRef = (string?)e.Attribute("targetRef") ?? "",
                ParentId = parentId,
                Condition = condition is null ? null : condition.Value.Trim(),
                ConditionId = (string?)condition?.Attribute("id"),
                Line = SafeXml.LineOf(e),
                Preserved = KeepRest(e, ["id", "name", "sourceRef", "targetRef"], e.Elements().Where(IsNeutral)),
            };
        }

        private static FlowNode? ReadNode(XElement e, string id, string? parentId)
        {
            var trigger = ReadTrigger(e);
            var consumed = new HashSet<string> { "id", "name" };
            FlowNode? node = e.Name.LocalName switch
            {
                "userTask" => new UserTask { Id = id },
                "serviceTask" => new ServiceTask { Id = id },
                "subProcess" => new SubProcess { Id = id },
                "callActivity" => new CallActivity { Id = id, CalledElement = Consume(e, consumed, "calledElement") },
                "exclusiveGateway" => new ExclusiveGateway { Id = id, DefaultFlowId = Consume(e, consumed, "default") },
                "inclusiveGateway" => new InclusiveGateway { Id = id, DefaultFlowId = Consume(e, consumed, "default") },
                "parallelGateway" => new ParallelGateway { Id = id },
                "startEvent" when trigger is null or MessageTrigger => new StartEvent { Id = id, Trigger = trigger },
                "endEvent" when trigger is null or TerminateTrigger or EscalationTrigger => new EndEvent { Id = id, Trigger = trigger },
                "intermediateCatchEvent" when trigger is TimerTrigger or MessageTrigger => new IntermediateCatchEvent { Id = id, Trigger = trigger },
                "boundaryEvent" when trigger is TimerTrigger or EscalationTrigger => new BoundaryEvent
                {
                    Id = id,
                    Trigger = trigger,
                    AttachedToRef = Consume(e, consumed, "attachedToRef"),
                    CancelActivity = Consume(e, consumed, "cancelActivity") != "false",
                },
                _ => null,
            };

            return node is null
                ? null
                : node with
                {
                    Name = (string?)e.Attribute("name"),
                    ParentId = parentId,
                    Line = SafeXml.LineOf(e),
                    Pwf = ReadPwf(e),
                    Preserved = KeepRest(e, consumed, e.Elements().Where(IsNeutral)),
                };
        }

        private static string? Consume(XElement e, HashSet<string> consumed, string attribute)
        {
            consumed.Add(attribute);
            return (string?)e.Attribute(attribute);
        }

        private static EventTrigger? ReadTrigger(XElement e)
        {
            var definition = e.Elements().FirstOrDefault(c => c.Name.Namespace == ModelNs && c.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal));
            if (definition is null)
            {
                return null;
            }

            var definitionId = (string?)definition.Attribute("id");
            EventTrigger? trigger = definition.Name.LocalName switch
            {
                "messageEventDefinition" => new MessageTrigger((string?)definition.Attribute("messageRef")),
                "escalationEventDefinition" => new EscalationTrigger((string?)definition.Attribute("escalationRef")),
                "terminateEventDefinition" => new TerminateTrigger(),
                "timerEventDefinition" => ReadTimer(definition),
                _ => null,
            };
            var consumed = definition.Name.LocalName switch
            {
                "messageEventDefinition" => new HashSet<string> { "id", "messageRef" },
                "escalationEventDefinition" => ["id", "escalationRef"],
                _ => ["id"],
            };
            return trigger is null
                ? null
                : trigger with { DefinitionId = definitionId, Preserved = KeepRest(definition, consumed, definition.Elements().Where(IsNeutral)) };
        }

        private static TimerTrigger? ReadTimer(XElement definition)
        {
            var workingDays = (string?)definition.Attribute(PwfNs + "calendar") == "workingDays";
            foreach (var (name, kind) in new[] { ("timeDuration", TimerKind.Duration), ("timeDate", TimerKind.Date), ("timeCycle", TimerKind.Cycle) })
            {
                var expression = definition.Element(ModelNs + name);
                if (expression is not null)
                {
                    return new TimerTrigger(new TimerDefinition(kind, expression.Value.Trim(), workingDays, (string?)expression.Attribute("id")));
                }
            }

            return new TimerTrigger(new TimerDefinition(TimerKind.Duration, "", workingDays, null));
        }
    }
}
