using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;

namespace PublicWorkflow.OneStop.Citizens;

/// <summary>
/// One-time codes for a citizen account: six random digits, sent to the contact through the message outbox, kept only as
/// a hash, valid for <see cref="Lifetime"/>, <see cref="MaxAttempts"/> wrong tries, used once; a new code replaces the
/// last one of its purpose, and no more than one a minute is sent.
/// </summary>
public sealed class CitizenCodes(OneStopDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(1);
    public const int MaxAttempts = 5;

    /// <summary>A new code (added to the unit of work, not saved), or null when the last one was sent under a minute ago.</summary>
    public async Task<string?> IssueAsync(Guid accountId, string purpose, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var earlier = await db.CitizenCodes.Where(c => c.AccountId == accountId && c.Purpose == purpose && c.UsedAt == null).ToListAsync(cancellationToken);
        if (earlier.Any(c => c.CreatedAt > now - ResendAfter))
        {
            return null;
        }
        foreach (var old in earlier)
        {
            old.UsedAt = now;
        }
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        var record = new CitizenCodeRecord { Id = Guid.NewGuid(), AccountId = accountId, Purpose = purpose, CodeHash = "", CreatedAt = now, ExpiresAt = now + Lifetime };
        record.CodeHash = Hash(record.Id, code);
        db.CitizenCodes.Add(record);
        return code;
    }

    /// <summary>
    /// True when <paramref name="code"/> is the account's live code for the purpose; the code is then used up. A wrong code
    /// counts an attempt (one atomic update, so parallel guesses all count).
    /// </summary>
    public async Task<bool> RedeemAsync(Guid accountId, string purpose, string? code, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var live = await db.CitizenCodes.AsNoTracking()
            .Where(c => c.AccountId == accountId && c.Purpose == purpose && c.UsedAt == null && c.ExpiresAt > now && c.Attempts < MaxAttempts)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (live is null)
        {
            return false;
        }
        var given = Encoding.ASCII.GetBytes(Hash(live.Id, code?.Trim() ?? ""));
        if (!CryptographicOperations.FixedTimeEquals(given, Encoding.ASCII.GetBytes(live.CodeHash)))
        {
            await db.CitizenCodes.Where(c => c.Id == live.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.Attempts, x => x.Attempts + 1), cancellationToken);
            return false;
        }
        // Used once: of two requests with the right code, the one that marks it wins.
        return await db.CitizenCodes.Where(c => c.Id == live.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), cancellationToken) == 1;
    }

    private static string Hash(Guid id, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{id:N}:{code}")));
}
