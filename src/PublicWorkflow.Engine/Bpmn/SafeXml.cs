using System.Xml;
using System.Xml.Linq;

namespace PublicWorkflow.Engine.Bpmn;

/// <summary>Loads XML with DTDs and external resolution refused: no XXE, no entity expansion bombs.</summary>
public static class SafeXml
{
    /// <summary>BPMN files of real procedures are a few hundred kB; refuse anything absurd.</summary>
    public const long MaxCharacters = 10_000_000;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = MaxCharacters,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
    };

    public static XDocument Load(string xml)
    {
        try
        {
            using var text = new StringReader(xml);
            using var reader = XmlReader.Create(text, Settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new BpmnFormatException($"not well-formed or refused XML: {ex.Message}", ex.LineNumber, ex);
        }
    }

    public static int LineOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    /// <summary>One canonical text for a kept element, so equal content compares equal after a round trip.</summary>
    public static string Normalise(XElement element) =>
        element.ToString(SaveOptions.DisableFormatting | SaveOptions.OmitDuplicateNamespaces);
}
