using Microsoft.EntityFrameworkCore;

namespace PublicWorkflow.OneStop.Accounts;

/// <summary>An account that signs in with a password and is locked for a while after repeated wrong ones.</summary>
public interface ILockableAccount
{
    Guid Id { get; }
    int FailedSignIns { get; }
    DateTime? LockedUntil { get; }
}

/// <summary>The lockout shared by staff and citizen accounts: counted and applied in atomic updates of the account row.</summary>
public static class SignInLockout
{
    public static bool IsLocked(ILockableAccount account, DateTime now) => account.LockedUntil > now;

    /// <summary>One atomic update: concurrent wrong guesses all count, and the one that reaches the limit locks the account.</summary>
    public static Task RecordFailureAsync<T>(IQueryable<T> accounts, Guid id, int failures, TimeSpan lockFor, DateTime now, CancellationToken cancellationToken)
        where T : class, ILockableAccount
    {
        var limit = Math.Max(1, failures);
        DateTime? until = now + lockFor;
        return accounts.Where(a => a.Id == id).ExecuteUpdateAsync(a => a
            .SetProperty(x => x.LockedUntil, x => x.FailedSignIns + 1 >= limit ? until : x.LockedUntil)
            .SetProperty(x => x.FailedSignIns, x => x.FailedSignIns + 1 >= limit ? 0 : x.FailedSignIns + 1), cancellationToken);
    }

    /// <summary>A right password clears the count (and an expired lock).</summary>
    public static async Task ClearAsync<T>(IQueryable<T> accounts, T account, CancellationToken cancellationToken) where T : class, ILockableAccount
    {
        if (account.FailedSignIns > 0 || account.LockedUntil is not null)
        {
            var id = account.Id;
            await accounts.Where(a => a.Id == id)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.FailedSignIns, 0).SetProperty(x => x.LockedUntil, (DateTime?)null), cancellationToken);
        }
    }
}
