using System.Xml;
using System.Xml.Linq;
using PublicWorkflow.Engine.Model;
using static PublicWorkflow.Engine.Bpmn.BpmnNames;

namespace PublicWorkflow.Engine.Bpmn;

/// <summary>
/// Writes a <see cref="Definition"/> back to BPMN 2.0 XML. Parsing the result gives an equal model:
/// the executable part is written from the model; kept parts (diagrams, lanes, foreign attributes,
/// extension elements) are written back as they were read.
/// </summary>
public static class BpmnExporter
{
    public static string Export(Definition definition)
    {
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null), BuildRoot(definition));
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            NamespaceHandling = NamespaceHandling.OmitDuplicates,
            Encoding = new System.Text.UTF8Encoding(false),
        };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            document.Save(writer);
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static XElement BuildRoot(Definition d)
    {
        var root = new XElement(ModelNs + "definitions");
        foreach (var ns in d.Namespaces)
        {
            root.Add(ns.Prefix.Length == 0 ? new XAttribute("xmlns", ns.Uri) : new XAttribute(XNamespace.Xmlns + ns.Prefix, ns.Uri));
        }

        root.Add(new XAttribute("id", d.DefinitionsId));
        if (d.TargetNamespace is not null)
        {
            root.Add(new XAttribute("targetNamespace", d.TargetNamespace));
        }
        AddPreserved(root, d.RootPreserved);

        foreach (var m in d.Messages)
        {
            root.Add(new XElement(ModelNs + "message", new XAttribute("id", m.Id), Optional("name", m.Name)));
        }
        foreach (var e in d.Escalations)
        {
            root.Add(new XElement(ModelNs + "escalation", new XAttribute("id", e.Id), Optional("name", e.Name), Optional("escalationCode", e.Code)));
        }

        var rootRaw = d.RootElements.Select(XElement.Parse).ToList();
        root.Add(rootRaw.Where(e => e.Name.LocalName != "BPMNDiagram"));

        var process = new XElement(ModelNs + "process",
            new XAttribute("id", d.ProcessId),
            Optional("name", d.ProcessName),
            new XAttribute("isExecutable", d.IsExecutable ? "true" : "false"));
        AddPreserved(process, d.ProcessPreserved);
        AddContainerContent(process, d, parentId: null);
        root.Add(process);

        root.Add(rootRaw.Where(e => e.Name.LocalName == "BPMNDiagram"));
        return root;
    }

    private static XAttribute FormalExpressionType(Definition d)
    {
        var prefix = d.Namespaces.First(n => n.Uri == ModelUri).Prefix;
        return new XAttribute(XsiNs + "type", prefix.Length == 0 ? "tFormalExpression" : prefix + ":tFormalExpression");
    }

    private static XAttribute? Optional(string name, string? value) => value is null ? null : new XAttribute(name, value);

    private static void AddPreserved(XElement element, Preserved preserved)
    {
        foreach (var attribute in preserved.Attributes)
        {
            element.Add(new XAttribute(XName.Get(attribute.Name), attribute.Value));
        }
        // Kept children (documentation, extensionElements) come first, as the BPMN schema orders them.
        element.AddFirst(preserved.ChildElements.Select(XElement.Parse));
    }

    private static void AddContainerContent(XElement container, Definition d, string? parentId)
    {
        foreach (var raw in d.RawElements.Where(r => r.ParentId == parentId && r.LocalName == "laneSet"))
        {
            container.Add(XElement.Parse(raw.Xml));
        }
        foreach (var node in d.Nodes.Where(n => n.ParentId == parentId))
        {
            container.Add(BuildNode(node, d));
        }
        foreach (var flow in d.Flows.Where(f => f.ParentId == parentId))
        {
            container.Add(BuildFlow(flow, d));
        }
        foreach (var raw in d.RawElements.Where(r => r.ParentId == parentId && r.LocalName != "laneSet"))
        {
            container.Add(XElement.Parse(raw.Xml));
        }
    }

    private static XElement BuildFlow(SequenceFlow f, Definition d)
    {
        var element = new XElement(ModelNs + "sequenceFlow",
            new XAttribute("id", f.Id), Optional("name", f.Name),
            new XAttribute("sourceRef", f.SourceRef), new XAttribute("targetRef", f.TargetRef));
        AddPreserved(element, f.Preserved);
        if (f.Condition is not null)
        {
            element.Add(new XElement(ModelNs + "conditionExpression",
                FormalExpressionType(d), Optional("id", f.ConditionId), f.Condition));
        }
        return element;
    }

    private static XElement BuildNode(FlowNode node, Definition d)
    {
        var element = new XElement(ModelNs + ElementName(node), new XAttribute("id", node.Id), Optional("name", node.Name));
        switch (node)
        {
            case CallActivity call:
                element.Add(Optional("calledElement", call.CalledElement));
                break;
            case ExclusiveGateway x:
                element.Add(Optional("default", x.DefaultFlowId));
                break;
            case InclusiveGateway i:
                element.Add(Optional("default", i.DefaultFlowId));
                break;
            case BoundaryEvent b:
                element.Add(Optional("attachedToRef", b.AttachedToRef));
                if (!b.CancelActivity)
                {
                    element.Add(new XAttribute("cancelActivity", "false"));
                }
                break;
        }

        AddPwf(element, node.Pwf);
        AddPreserved(element, node.Preserved);
        foreach (var f in d.Flows.Where(f => f.TargetRef == node.Id))
        {
            element.Add(new XElement(ModelNs + "incoming", f.Id));
        }
        foreach (var f in d.Flows.Where(f => f.SourceRef == node.Id))
        {
            element.Add(new XElement(ModelNs + "outgoing", f.Id));
        }

        var trigger = node switch
        {
            StartEvent s => s.Trigger,
            EndEvent e => e.Trigger,
            IntermediateCatchEvent c => c.Trigger,
            BoundaryEvent b => b.Trigger,
            _ => null,
        };
        if (trigger is not null)
        {
            element.Add(BuildTrigger(trigger, d));
        }
        if (node is SubProcess)
        {
            AddContainerContent(element, d, node.Id);
        }
        return element;
    }

    private static string ElementName(FlowNode node) => node switch
    {
        UserTask => "userTask",
        ServiceTask => "serviceTask",
        SubProcess => "subProcess",
        CallActivity => "callActivity",
        ExclusiveGateway => "exclusiveGateway",
        InclusiveGateway => "inclusiveGateway",
        ParallelGateway => "parallelGateway",
        StartEvent => "startEvent",
        EndEvent => "endEvent",
        IntermediateCatchEvent => "intermediateCatchEvent",
        BoundaryEvent => "boundaryEvent",
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "no BPMN element name for this node type"),
    };

    private static void AddPwf(XElement element, PwfAttributes pwf)
    {
        void Set(string name, string? value)
        {
            if (value is not null)
            {
                element.Add(new XAttribute(PwfNs + name, value));
            }
        }

        Set("level", pwf.Level);
        Set("candidateRole", pwf.CandidateRole);
        Set("assignee", pwf.Assignee);
        Set("timeLimit", pwf.TimeLimit);
        Set("timeLimitUnit", pwf.TimeLimitUnit);
        Set("handler", pwf.Handler);
        Set("form", pwf.Form);
        Set("stage", pwf.Stage);
    }

    private static XElement BuildTrigger(EventTrigger trigger, Definition d)
    {
        var element = trigger switch
        {
            MessageTrigger m => new XElement(ModelNs + "messageEventDefinition", Optional("messageRef", m.MessageRef)),
            EscalationTrigger e => new XElement(ModelNs + "escalationEventDefinition", Optional("escalationRef", e.EscalationRef)),
            TerminateTrigger => new XElement(ModelNs + "terminateEventDefinition"),
            TimerTrigger t => BuildTimer(t.Timer, d),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger.GetType().Name, "no BPMN event definition for this trigger"),
        };
        if (trigger.DefinitionId is not null)
        {
            element.Add(new XAttribute("id", trigger.DefinitionId));
        }
        AddPreserved(element, trigger.Preserved);
        return element;
    }

    private static XElement BuildTimer(TimerDefinition timer, Definition d)
    {
        var element = new XElement(ModelNs + "timerEventDefinition");
        if (timer.WorkingDays)
        {
            element.Add(new XAttribute(PwfNs + "calendar", "workingDays"));
        }
        if (timer.Expression.Length > 0 || timer.ExpressionId is not null)
        {
            var name = timer.Kind switch
            {
                TimerKind.Date => "timeDate",
                TimerKind.Cycle => "timeCycle",
                _ => "timeDuration",
            };
            element.Add(new XElement(ModelNs + name, FormalExpressionType(d),
                Optional("id", timer.ExpressionId), timer.Expression));
        }
        return element;
    }
}
