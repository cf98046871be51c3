using System.Xml.Linq;

namespace PublicWorkflow.Engine.Bpmn;

/// <summary>The XML namespaces we read and write.</summary>
public static class BpmnNames
{
    public const string ModelUri = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public const string Di = "http://www.omg.org/spec/BPMN/20100524/DI";
    public const string Dc = "http://www.omg.org/spec/DD/20100524/DC";
    public const string DiShared = "http://www.omg.org/spec/DD/20100524/DI";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public const string Camunda = "http://camunda.org/schema/1.0/bpmn";

    /// <summary>
    /// Our extension namespace, prefix <c>pwf</c>. A URN, not a URL: nothing is ever fetched from it.
    /// Documented in docs/bpmn-extensions.md.
    /// </summary>
    public const string Pwf = "urn:publicworkflow:bpmn:1.0";

    public static readonly XNamespace ModelNs = ModelUri;
    public static readonly XNamespace PwfNs = Pwf;
    public static readonly XNamespace CamundaNs = Camunda;
    public static readonly XNamespace XsiNs = Xsi;
}
