using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.OneStop;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.OneStop.Tests.Architecture;

/// <summary>
/// Dependencies point inward (Server → OneStop → Runtime → Engine): the generic runtime names no type, word or table
/// of the center's domain, and the domain knows no web framework.
/// </summary>
public sealed partial class LayerTests
{
    private static readonly Assembly Runtime = typeof(RuntimeComposition).Assembly;
    private static readonly Assembly Domain = typeof(OneStopComposition).Assembly;

    /// <summary>Words of the one-stop domain; a runtime type or member named with one of them belongs in OneStop.</summary>
    private static readonly string[] DomainWords = ["Dossier", "Procedure", "Agency", "Branch", "Stage", "Catalog", "Citizen", "Staff", "Feedback", "Appointment"];

    [Test]
    public void The_runtime_references_the_engine_and_neither_the_domain_nor_the_web_host()
    {
        var references = Runtime.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.That(references, Does.Contain("PublicWorkflow.Engine"));
        Assert.That(references.Where(r => r is "PublicWorkflow.OneStop" or "PublicWorkflow.Server" || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)),
            Is.Empty);
    }

    [Test]
    public void The_domain_references_the_runtime_and_not_the_web_host()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.That(references, Does.Contain("PublicWorkflow.Runtime"));
        Assert.That(references.Where(r => r == "PublicWorkflow.Server" || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void No_runtime_type_or_member_is_named_after_the_domain()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var names = Runtime.GetTypes().Where(t => !t.Name.Contains('<') && t.Namespace is not null)
            .SelectMany(t => new[] { t.FullName! }.Concat(t.GetMembers(all).Where(m => !m.Name.Contains('<')).Select(m => $"{t.FullName}.{m.Name}")))
            .ToList();
        Assert.That(names, Is.Not.Empty);
        Assert.That(names.Where(n => DomainWords.Any(w => n.Contains(w, StringComparison.OrdinalIgnoreCase))), Is.Empty);
    }

    [Test]
    public void The_runtime_model_holds_no_domain_table_and_no_runtime_source_names_one()
    {
        using var domain = new SqliteOneStopDbContext(new DbContextOptionsBuilder<SqliteOneStopDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var runtime = new RuntimeOnly(new DbContextOptionsBuilder<RuntimeOnly>().UseSqlite("Data Source=:memory:").Options);
        var runtimeTables = Tables(runtime);
        var domainTables = Tables(domain).Except(runtimeTables).ToList();
        Assert.That(domainTables, Does.Contain("dossiers"), "the domain's tables are found");
        Assert.That(runtimeTables.Intersect(domainTables), Is.Empty);

        var sources = Directory.GetFiles(Path.Combine(Repo.Root, "src", "PublicWorkflow.Runtime"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var mentions = sources.SelectMany(file => StringLiteral().Matches(File.ReadAllText(file))
                .Where(m => domainTables.Any(t => Regex.IsMatch(m.Value, $@"\b{t}\b")))
                .Select(m => $"{Path.GetFileName(file)}: {m.Value}"))
            .ToList();
        Assert.That(mentions, Is.Empty);
    }

    [GeneratedRegex("\"(?:[^\"\\\\\\n]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    private static List<string> Tables(DbContext context) => context.Model.GetEntityTypes().Select(t => t.GetTableName()!).ToList();

    private sealed class RuntimeOnly(DbContextOptions<RuntimeOnly> options) : WorkflowDbContext(options);
}
