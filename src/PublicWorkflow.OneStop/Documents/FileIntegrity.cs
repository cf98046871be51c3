using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime.Jobs;

namespace PublicWorkflow.OneStop.Documents;

/// <summary>
/// Reads every kept file back and compares its hash with its name, so a file lost or changed behind the system's back
/// (a disk fault, a hand edit) is found: the result of each run is recorded, shown on /health and to the supervisor.
/// It runs from the runtime's sweep when the last run is older than the configured period.
/// </summary>
public sealed class FileIntegrity(OneStopDbContext db, IBlobStore blobs, DocumentOptions options) : IDueWork
{
    /// <summary>How many problems a run's record lists by hash.</summary>
    private const int ListedProblems = 50;

    public async Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var last = await LastAsync(cancellationToken);
        if (last is null || now.UtcDateTime - last.CheckedAt >= TimeSpan.FromHours(options.IntegrityCheckHours))
        {
            await CheckAsync(now, cancellationToken);
        }
    }

    public Task<FileCheckRecord?> LastAsync(CancellationToken cancellationToken = default) =>
        db.FileChecks.AsNoTracking().OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);

    public async Task<FileCheckRecord> CheckAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var hashes = await db.DossierFiles.AsNoTracking().Select(f => f.Sha256).Distinct().ToListAsync(cancellationToken);
        var problems = new List<string>();
        var (missing, altered) = (0, 0);
        foreach (var sha256 in hashes)
        {
            await using var content = await blobs.OpenAsync(sha256, cancellationToken);
            if (content is null)
            {
                missing++;
                problems.Add($"{sha256}: missing");
                continue;
            }
            if (Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken)) != sha256)
            {
                altered++;
                problems.Add($"{sha256}: altered");
            }
        }
        var check = new FileCheckRecord
        {
            CheckedAt = now.UtcDateTime, Files = hashes.Count, Missing = missing, Altered = altered,
            Detail = problems.Count == 0 ? null : string.Join('\n', problems.Take(ListedProblems)),
        };
        db.FileChecks.Add(check);
        await db.SaveChangesAsync(cancellationToken);
        return check;
    }
}
