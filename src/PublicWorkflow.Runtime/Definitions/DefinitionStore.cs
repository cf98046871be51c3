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

/// <summary>A saved draft and what is still wrong with it (a draft may be invalid; only a valid one can be published).</summary>
public sealed record DraftOutcome(string Key, DateTime SavedAt, IReadOnlyList<Problem> Problems);

/// <summary>Versions of procedure workflows: drafts, publish (validated, immutable, N+1) and look up.</summary>
public sealed partial class DefinitionStore(WorkflowDbContext db, DefinitionCache cache, TimeProvider clock, IEnumerable<IDefinitionRules> rules,
    IEnumerable<IAssigneeDirectory> directories)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,99}$")]
    private static partial Regex KeyPattern();

    /// <summary>
    /// Publishes the BPMN as the next version of <paramref name="key"/>. Text identical to the latest version
    /// publishes nothing and returns that version, so importing an unchanged catalog creates no versions.
    /// </summary>
    public async Task<PublishOutcome> PublishAsync(string key, string bpmnXml, string publishedBy, string? origin = null,
        CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        var definition = ParseValid(bpmnXml, rules);
        if (await AssigneeProblemsAsync(definition, cancellationToken) is { Count: > 0 } unknown)
        {
            throw new RuntimeException(RuntimeErrorKind.Invalid, "invalid-definition", $"the workflow has {unknown.Count} problem(s); first: {unknown[0]}", unknown);
        }
        var hash = Hash(bpmnXml);
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
            Origin = origin,
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

    /// <summary>SHA-256 of a BPMN text, lower-case hex: how a version and a file are recognised as the same.</summary>
    public static string Hash(string bpmnXml) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(bpmnXml)));

    /// <summary>Every problem of a BPMN text under the engine's rules and the application's.</summary>
    public IReadOnlyList<Problem> Validate(string bpmnXml) => Validate(bpmnXml, rules);

    /// <summary>Every problem of a BPMN text, including "not BPMN" (hostile XML, DTDs and entities, are refused as such).</summary>
    public static IReadOnlyList<Problem> Validate(string bpmnXml, IEnumerable<IDefinitionRules> rules)
    {
        try
        {
            return Problems(BpmnParser.Parse(bpmnXml), rules);
        }
        catch (BpmnFormatException ex)
        {
            return [NotBpmn(ex)];
        }
    }

    /// <summary>Saves the key's one draft (made or replaced). Text that is not BPMN is refused; validation problems are returned, not refused.</summary>
    public async Task<DraftOutcome> SaveDraftAsync(string key, string bpmnXml, string author, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        var problems = Validate(bpmnXml);
        if (problems is [{ Code: "not-bpmn" } notBpmn])
        {
            throw new RuntimeException(RuntimeErrorKind.Invalid, "not-bpmn", notBpmn.Reason, problems);
        }
        problems = [.. problems, .. await AssigneeProblemsAsync(BpmnParser.Parse(bpmnXml), cancellationToken)];
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = await db.Definitions.SingleOrDefaultAsync(d => d.Key == key && d.Status == DefinitionStatus.Draft, cancellationToken);
        if (draft is null)
        {
            draft = new DefinitionRecord { Key = key, Version = 0, Status = DefinitionStatus.Draft, BpmnXml = "", ContentHash = "", CreatedAt = now };
            db.Definitions.Add(draft);
        }
        draft.BpmnXml = bpmnXml;
        draft.ContentHash = Hash(bpmnXml);
        draft.ProcessName = problems.Count == 0 ? BpmnParser.Parse(bpmnXml).ProcessName : draft.ProcessName;
        draft.PublishedBy = author;
        draft.CreatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "concurrent-draft", $"someone else saved a draft of '{key}' at the same time; reload it");
        }
        return new DraftOutcome(key, now, problems);
    }

    /// <summary>Publishes the key's draft as the next version (it must be valid) and removes the draft.</summary>
    public async Task<PublishOutcome> PublishDraftAsync(string key, string publishedBy, CancellationToken cancellationToken = default)
    {
        var draft = await db.Definitions.SingleOrDefaultAsync(d => d.Key == key && d.Status == DefinitionStatus.Draft, cancellationToken)
            ?? throw RuntimeException.NotFound("draft of workflow", key);
        var outcome = await PublishAsync(key, draft.BpmnXml, publishedBy, cancellationToken: cancellationToken);
        db.Definitions.Remove(draft);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A concurrent publish of the same draft removed it first; the version it made is this one.
        }
        return outcome;
    }

    /// <summary>The key's versions, newest first, and its draft if there is one.</summary>
    public Task<List<DefinitionRecord>> VersionsAsync(string key, CancellationToken cancellationToken = default) =>
        db.Definitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Status == DefinitionStatus.Draft).ThenByDescending(d => d.Version)
            .ToListAsync(cancellationToken);

    /// <summary>One published version (or the draft, as version 0).</summary>
    public async Task<DefinitionRecord> VersionAsync(string key, int version, CancellationToken cancellationToken = default) =>
        await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.Key == key && d.Version == version, cancellationToken)
            ?? throw RuntimeException.NotFound($"version {version} of workflow", key);

    /// <summary>The latest published version of a key (its BPMN text is not loaded: use <see cref="ModelAsync"/>).</summary>
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

    /// <summary>
    /// A step given to a named person must name an active account: a task assigned to nobody who exists would block its
    /// case (nobody sees it in their inbox). Checked when a draft is saved and when a version is published.
    /// </summary>
    private async Task<IReadOnlyList<Problem>> AssigneeProblemsAsync(Definition definition, CancellationToken cancellationToken)
    {
        var assigned = definition.Nodes.OfType<UserTask>().Select(n => (Node: n, Assignee: StepSettings.Of(n).Assignee))
            .Where(a => !string.IsNullOrWhiteSpace(a.Assignee)).ToList();
        if (assigned.Count == 0 || !directories.Any())
        {
            return []; // no directory: the application keeps no accounts to check against
        }
        var names = assigned.Select(a => a.Assignee!).Distinct().ToList();
        var known = new HashSet<string>();
        foreach (var directory in directories)
        {
            known.UnionWith(await directory.ActiveAmongAsync(names, cancellationToken));
        }
        return assigned.Where(a => !known.Contains(a.Assignee!)).Select(a => new Problem("unknown-assignee", a.Node.Id, a.Node.Line.Number,
            $"the assignee '{a.Assignee}' is not an active member of staff: name an existing account, or give the step a candidate role instead",
            $"người được giao '{a.Assignee}' không phải tài khoản cán bộ đang hoạt động: hãy nêu tài khoản có thật, hoặc giao theo vai trò")).ToList();
    }

    /// <summary>The engine's rules and the application's: what a runnable workflow must satisfy.</summary>
    private static IReadOnlyList<Problem> Problems(Definition definition, IEnumerable<IDefinitionRules> rules) =>
        DefinitionValidator.Validate(definition).Concat(rules.SelectMany(r => r.Problems(definition))).ToList();

    private static void CheckKey(string key)
    {
        if (!KeyPattern().IsMatch(key))
        {
            throw new RuntimeException(RuntimeErrorKind.Invalid, "bad-key", $"'{key}' is not a workflow key: 1-100 lower-case letters, digits, '.' or '-'");
        }
    }

    private static Problem NotBpmn(BpmnFormatException ex) =>
        new("not-bpmn", null, ex.Line, ex.Message, $"Tệp không phải BPMN 2.0 hợp lệ: {ex.Message}");

    private static Definition ParseValid(string bpmnXml, IEnumerable<IDefinitionRules> rules)
    {
        Definition definition;
        try
        {
            definition = BpmnParser.Parse(bpmnXml);
        }
        catch (BpmnFormatException ex)
        {
            throw new RuntimeException(RuntimeErrorKind.Invalid, "not-bpmn", ex.Message, [NotBpmn(ex)]);
        }
        // Warnings are the officer's to weigh; only errors stop a version.
        var problems = Problems(definition, rules).Where(p => !p.IsWarning).ToList();
        return problems.Count == 0
            ? definition
            : throw new RuntimeException(RuntimeErrorKind.Invalid, "invalid-definition", $"the workflow has {problems.Count} problem(s); first: {problems[0]}", problems);
    }
}
