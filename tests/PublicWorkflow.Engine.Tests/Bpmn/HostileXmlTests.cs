using PublicWorkflow.Engine.Bpmn;

namespace PublicWorkflow.Engine.Tests.Bpmn;

public sealed class HostileXmlTests
{
    [Test]
    public void External_entities_are_refused()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE d [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><bpmn:process id="P" name="&secret;" /></bpmn:definitions>
            """;
        var ex = Assert.Throws<BpmnFormatException>(() => BpmnParser.Parse(xxe));
        Assert.That(ex!.Message, Does.Contain("DTD").Or.Contain("refused"));
    }

    [Test]
    public void Entity_expansion_bombs_are_refused()
    {
        const string laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><bpmn:process id="P" name="&lol3;" /></bpmn:definitions>
            """;
        Assert.Throws<BpmnFormatException>(() => BpmnParser.Parse(laughs));
    }

    [TestCase("not xml at all")]
    [TestCase("<definitions><unclosed></definitions>")]
    [TestCase("")]
    public void Text_that_is_not_xml_is_refused_with_a_line(string text)
    {
        var ex = Assert.Throws<BpmnFormatException>(() => BpmnParser.Parse(text));
        Assert.That(ex!.Message, Does.StartWith("not well-formed"));
    }

    [Test]
    public void Xml_that_is_not_bpmn_is_refused()
    {
        var ex = Assert.Throws<BpmnFormatException>(() => BpmnParser.Parse("<html><body /></html>"));
        Assert.That(ex!.Message, Does.Contain("not BPMN 2.0"));
    }

    [Test]
    public void Definitions_without_a_process_are_refused()
    {
        var ex = Assert.Throws<BpmnFormatException>(() => BpmnParser.Parse("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"D\" />"));
        Assert.That(ex!.Message, Does.Contain("no <process>"));
    }
}
