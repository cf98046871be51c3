using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Engine.Validation;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Runtime.Definitions;

/// <summary>The outcome of a publish: the version that now serves the key, and whether it is new.</summary>
public sealed record PublishOutcome(long DefinitionId, string Key, int Version, bool Created);

/// <summary>Versions of procedure workflows: publish (validated, immutable, N+1) and look up.</summary>
public sealed partial class DefinitionStore(WorkflowDbContext db, DefinitionCache cache, TimeProvider clock)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,99}$")]
    private static partial Regex KeyPattern();

    /// <summary>
    /// Publishes the BPMN as the next version of <paramref name="key"/>. Text identical to the latest version
    /// publishes nothing and returns that version, so importing an unchanged catalog creates no versions.
    /// </summary>
    public async Task<PublishOutcome> PublishAsync(string key, string bpmnXml, string publishedBy, CancellationToken cancellationToken = default)
    {
        if (!KeyPattern().IsMatch(key))
        {
            throw new RuntimeException(RuntimeErrorKind.Invalid, "bad-key", $"'{key}' is not a workflow key: 1-100 lower-case letters, digits, '.' or '-'");
        }
        var definition = ParseValid(bpmnXml);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(bpmnXml)));
        var latest = await db.Definitions.Where(d => d.Key == key && d.Status == DefinitionStatus.Published)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.ContentHash == hash)
        {
            return new PublishOutcome(latest.Id, key, latest.Version, Created: false);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var record = new DefinitionRecord
        {
            Key = key,
            Version = (latest?.Version ?? 0) + 1,
            Status = DefinitionStatus.Published,
            BpmnXml = bpmnXml,
            ContentHash = hash,
            ProcessName = definition.ProcessName,
            CreatedAt = now,
            PublishedBy = publishedBy,
            PublishedAt = now,
        };
        db.Definitions.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            db.Entry(record).State = EntityState.Detached;
            throw new RuntimeException(RuntimeErrorKind.Conflict, "concurrent-publish",
                $"version {record.Version} of '{key}' was published by someone else at the same time; publish again");
        }
        cache.Get(record.Id, bpmnXml);
        return new PublishOutcome(record.Id, key, record.Version, Created: true);
    }

    public Task<DefinitionRecord?> LatestPublishedAsync(string key, CancellationToken cancellationToken = default) =>
        Cases.HotQueries.For(db).LatestPublished(db, key);

    /// <summary>The parsed model of a stored version (from the cache when it was seen before).</summary>
    public async Task<Definition> ModelAsync(long definitionId, CancellationToken cancellationToken = default)
    {
        if (cache.TryGet(definitionId, out var cached))
        {
            return cached!;
        }
        var xml = await db.Definitions.Where(d => d.Id == definitionId).Select(d => d.BpmnXml).SingleOrDefaultAsync(cancellationToken)
            ?? throw RuntimeException.NotFound("definition", definitionId);
        return cache.Get(definitionId, xml);
    }

    private static Definition ParseValid(string bpmnXml)
    {
        Definition definition;
        try
        {
            definition = BpmnParser.Parse(bpmnXml);
        }
        catch (BpmnFormatException ex)
        {
            throw new RuntimeException(RuntimeErrorKind.Invalid, "not-bpmn", ex.Message,
                [new Problem("not-bpmn", null, ex.Line, ex.Message, $"Tệp không phải BPMN 2.0 hợp lệ: {ex.Message}")]);
        }
        var problems = DefinitionValidator.Validate(definition);
        return problems.Count == 0
            ? definition
            : throw new RuntimeException(RuntimeErrorKind.Invalid, "invalid-definition", $"the workflow has {problems.Count} problem(s); first: {problems[0]}", problems);
    }
}
