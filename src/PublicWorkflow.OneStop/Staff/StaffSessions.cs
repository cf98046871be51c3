using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;

namespace PublicWorkflow.OneStop.Staff;

/// <summary>
/// Sign-in sessions of staff and citizens: opened at sign-in, carried by the web host in the cookie or token, revoked by sign-out (that one) or a
/// password change (all of the account's). A session found active is believed for <see cref="Recheck"/> before the
/// database is asked again, so a request costs no query; a revocation made on this node takes effect at once, one made on
/// another node within that time.
/// </summary>
public sealed class StaffSessions(OneStopDbContext db, StaffSessionCache cache, TimeProvider clock)
{
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);

    public async Task<string> OpenAsync(string userName, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The account's ended sessions are of no more use: the table holds the sessions that can still be presented.
        await db.StaffSessions.Where(s => s.UserName == userName && s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var session = new StaffSessionRecord { Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), UserName = userName, CreatedAt = now, ExpiresAt = now + lifetime };
        db.StaffSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>True when the session exists, belongs to the named account, is neither revoked nor expired, and the account is active.</summary>
    public async Task<bool> IsActiveAsync(string? id, string? name, CancellationToken cancellationToken)
    {
        if (id is null || name is null || cache.IsRevoked(id))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        if (cache.ActiveUntil(id) > now)
        {
            return true;
        }
        var nowUtc = now.UtcDateTime;
        var live = db.StaffSessions.AsNoTracking().Where(s => s.Id == id && s.UserName == name && s.RevokedAt == null && s.ExpiresAt > nowUtc);
        // A citizen's sessions share the table under "citizen:<account id>"; staff names have no colon.
        var active = CitizenOf(name) is { } citizen
            ? await live.AnyAsync(_ => db.CitizenAccounts.Any(c => c.Id == citizen && c.Active), cancellationToken)
            : await live.AnyAsync(_ => db.StaffUsers.Any(u => u.UserName == name && u.Active), cancellationToken);
        if (active)
        {
            cache.Believe(id, now + Recheck);
        }
        return active;
    }

    private static Guid? CitizenOf(string name) =>
        name.StartsWith(CitizenAccountRecord.SessionPrefix, StringComparison.Ordinal) && Guid.TryParseExact(name[CitizenAccountRecord.SessionPrefix.Length..], "N", out var id)
            ? id
            : null;

    public async Task RevokeAsync(string? id, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.StaffSessions.Where(s => s.Id == id && s.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
            cache.Revoke(id);
        }
    }

    public async Task RevokeAllAsync(string userName, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.StaffSessions.Where(s => s.UserName == userName && s.RevokedAt == null).Select(s => s.Id).ToListAsync(cancellationToken);
        await db.StaffSessions.Where(s => s.UserName == userName && s.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
        foreach (var id in ids)
        {
            cache.Revoke(id);
        }
    }
}

/// <summary>What this node knows of sessions between database checks.</summary>
public sealed class StaffSessionCache
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> active = new();
    private readonly ConcurrentDictionary<string, bool> revoked = new();

    public DateTimeOffset ActiveUntil(string id) => active.GetValueOrDefault(id);

    public bool IsRevoked(string id) => revoked.ContainsKey(id);

    public void Believe(string id, DateTimeOffset until)
    {
        // Bounded: a flood of sessions cannot grow the cache without limit; forgetting only costs a query.
        if (active.Count > 100_000)
        {
            active.Clear();
        }
        active[id] = until;
    }

    public void Revoke(string id)
    {
        active.TryRemove(id, out _);
        if (revoked.Count > 100_000)
        {
            revoked.Clear();
        }
        revoked[id] = true;
    }
}

