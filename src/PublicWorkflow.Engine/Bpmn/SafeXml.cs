using System.Xml;
using System.Xml.Linq;

namespace PublicWorkflow.Engine.Bpmn;

/// <summary>Loads XML with DTDs and external resolution refused: no XXE, no entity expansion bombs.</summary>
public static class SafeXml
{
    /// <summary>BPMN files of real procedures are a few hundred kB; refuse anything absurd.</summary>
    public const long MaxCharacters = 10_000_000;

    /// <summary>
    /// How deep elements may nest. A real workflow with its diagram nests about ten levels; every walk over the tree
    /// (parse, validate, export, compare) is recursive somewhere, so an unbounded depth would let one file overflow the stack.
    /// </summary>
    public const int MaxDepth = 100;

    /// <summary>How many elements a file may hold: real procedure workflows, diagram included, have a few hundred.</summary>
    public const int MaxElements = 20_000;

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
            CheckShape(xml);
            using var text = new StringReader(xml);
            using var reader = XmlReader.Create(text, Settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new BpmnFormatException($"not well-formed or refused XML: {ex.Message}", ex.LineNumber, ex);
        }
    }

    /// <summary>A streaming pass that refuses a tree too deep or too large before any of it is built.</summary>
    private static void CheckShape(string xml)
    {
        using var text = new StringReader(xml);
        using var reader = XmlReader.Create(text, Settings);
        var elements = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            var line = ((IXmlLineInfo)reader).LineNumber;
            if (reader.Depth >= MaxDepth)
            {
                throw new BpmnFormatException($"elements nest deeper than {MaxDepth} levels", line);
            }
            if (++elements > MaxElements)
            {
                throw new BpmnFormatException($"the file has more than {MaxElements} elements", line);
            }
        }
    }

    public static int LineOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    /// <summary>One canonical text for a kept element, so equal content compares equal after a round trip.</summary>
    public static string Normalise(XElement element) =>
        element.ToString(SaveOptions.DisableFormatting | SaveOptions.OmitDuplicateNamespaces);
}
