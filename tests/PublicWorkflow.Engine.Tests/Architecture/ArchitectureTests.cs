using System.Text.RegularExpressions;
using PublicWorkflow.Engine.Execution.Behaviours;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Engine.Tests.Support;

namespace PublicWorkflow.Engine.Tests.Architecture;

public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Engine = typeof(FlowNode).Assembly;

    [Test]
    public void The_engine_references_no_database_scheduler_or_web_framework()
    {
        var forbidden = new[] { "Microsoft.EntityFrameworkCore", "Hangfire", "Microsoft.AspNetCore", "Npgsql", "Microsoft.Data" };
        var references = Engine.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.That(references.Where(r => forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal))), Is.Empty);
        Assert.That(references.Where(r => !r.StartsWith("System", StringComparison.Ordinal) && r is not ("netstandard" or "Jint" or "Acornima")), Is.Empty,
            "the engine needs only the base libraries and Jint");
    }

    [Test]
    public void Every_supported_element_type_has_a_behaviour()
    {
        var nodeTypes = Engine.GetTypes().Where(t => typeof(FlowNode).IsAssignableFrom(t) && !t.IsAbstract);
        Assert.That(nodeTypes.Where(t => !BehaviourRegistry.SupportedTypes.Contains(t)), Is.Empty);
    }

    [Test]
    public void The_engine_reads_no_clock_makes_no_guids_and_does_no_file_or_network_io()
    {
        var banned = new Regex(@"DateTime(Offset)?\.(Utc)?Now|Guid\.NewGuid|new Random\(|Random\.Shared|File\.|Directory\.|HttpClient|Stopwatch|Environment\.TickCount");
        var offenders = Directory.GetFiles(Path.Combine(Repo.Root, "src", "PublicWorkflow.Engine"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            // The sandbox's time limit reads a clock only to stop runaway scripts, never to decide a result.
            .Where(f => Path.GetFileName(f) != "SandboxTimeLimit.cs")
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
            .Where(x => banned.IsMatch(x.line) && !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}");
        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void Commands_and_effects_are_immutable_records()
    {
        var types = Engine.GetTypes().Where(t => t.Namespace == "PublicWorkflow.Engine.Execution"
            && (typeof(Engine.Execution.Command).IsAssignableFrom(t) || typeof(Engine.Execution.Effect).IsAssignableFrom(t)));
        foreach (var type in types)
        {
            var setters = type.GetProperties().Where(p => p.SetMethod is { IsPublic: true } setter
                && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)));
            Assert.That(setters, Is.Empty, type.Name);
        }
    }
}
