using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Accounts;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.OneStop.Staff;

/// <summary>How accounts are protected: the lockout after repeated wrong passwords, and passwords no account may take.</summary>
/// <param name="PublishedPasswords">Passwords printed somewhere (the README's demo accounts): never acceptable as a new password.</param>
public sealed record StaffAccountRules(int LockoutFailures, TimeSpan LockoutTime, IReadOnlyCollection<string> PublishedPasswords)
{
    public const int MinPasswordLength = 12;
}

/// <summary>An account that signed in, with the session opened for it.</summary>
public sealed record StaffSignIn(StaffUserRecord Account, string SessionId);

/// <summary>
/// Staff accounts in our database, passwords hashed by ASP.NET Core Identity's hasher (PBKDF2, salted). Repeated wrong
/// passwords lock the account for a while; an unknown name costs the same hashing as a known one, so timing does not
/// tell which names exist; every sign-in opens a session that sign-out and password changes revoke.
/// </summary>
public sealed class StaffAccounts(OneStopDbContext db, StaffSessions sessions, TimeProvider clock, StaffAccountRules rules)
{
    private static readonly PasswordHasher<StaffUserRecord> Hasher = new();

    /// <summary>Verified instead of a real hash when the name is unknown, so both take the same time.</summary>
    private static readonly string UnknownUserHash = Hasher.HashPassword(Nobody(), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

    /// <summary>
    /// The account with a new session when the name and password match an active account that is not locked; null
    /// otherwise, never saying which. A wrong password counts towards the lockout.
    /// </summary>
    public async Task<StaffSignIn?> SignInAsync(string userName, string password, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var user = await VerifyAsync(userName, password, cancellationToken);
        return user is null ? null : new StaffSignIn(user, await sessions.OpenAsync(user.UserName, lifetime, cancellationToken));
    }

    /// <summary>
    /// Changes the password after checking the current one (a wrong one counts towards the lockout), then revokes every
    /// session of the account: every cookie and token issued before stops working.
    /// </summary>
    public async Task ChangePasswordAsync(string userName, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await VerifyAsync(userName, currentPassword, cancellationToken)
            ?? throw new RuntimeException(RuntimeErrorKind.Invalid, "wrong-password", "the current password is wrong / mật khẩu hiện tại không đúng")
            {
                Field = "currentPassword",
            };
        CheckNewPassword(user, currentPassword, newPassword);
        var tracked = await db.StaffUsers.SingleAsync(u => u.Id == user.Id, cancellationToken);
        tracked.PasswordHash = Hasher.HashPassword(tracked, newPassword);
        tracked.PasswordChangedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await sessions.RevokeAllAsync(user.UserName, cancellationToken);
    }

    /// <summary>Creates an account; false when one of that name exists already (made before, or by another node at the same moment).</summary>
    public async Task<bool> CreateAsync(string userName, string displayName, string password, string role, string? agency, string? level, string? branch,
        string jobRoles, CancellationToken cancellationToken)
    {
        if (await db.StaffUsers.AnyAsync(u => u.UserName == userName, cancellationToken))
        {
            return false;
        }
        var user = new StaffUserRecord
        {
            Id = Guid.NewGuid(), UserName = userName, DisplayName = displayName, PasswordHash = "", Role = role, AgencyCode = agency, Level = level,
            BranchCode = branch, JobRoles = jobRoles, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        user.PasswordHash = Hasher.HashPassword(user, password);
        db.StaffUsers.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            db.Entry(user).State = EntityState.Detached;
            return false;
        }
    }

    /// <summary>
    /// Deactivates each named account that still has the password given for it (published passwords must not open a
    /// production system); returns the names deactivated.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeactivateWithPasswordsAsync(IReadOnlyDictionary<string, string> passwords, CancellationToken cancellationToken)
    {
        var names = passwords.Keys.ToList();
        var deactivated = new List<string>();
        foreach (var user in await db.StaffUsers.Where(u => names.Contains(u.UserName) && u.Active).ToListAsync(cancellationToken))
        {
            if (Hasher.VerifyHashedPassword(user, user.PasswordHash, passwords[user.UserName]) != PasswordVerificationResult.Failed)
            {
                user.Active = false;
                deactivated.Add(user.UserName);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return deactivated;
    }

    /// <summary>The account when the password is right and the account active and not locked; records a failure otherwise.</summary>
    private async Task<StaffUserRecord?> VerifyAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var user = await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName && u.Active, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var matches = Hasher.VerifyHashedPassword(user ?? Nobody(), user?.PasswordHash ?? UnknownUserHash, password) != PasswordVerificationResult.Failed;
        if (user is null)
        {
            return null;
        }
        if (SignInLockout.IsLocked(user, now))
        {
            // Locked: even the right password waits, and does not extend the lock.
            return null;
        }
        if (!matches)
        {
            await SignInLockout.RecordFailureAsync(db.StaffUsers, user.Id, rules.LockoutFailures, rules.LockoutTime, now, cancellationToken);
            return null;
        }
        await SignInLockout.ClearAsync(db.StaffUsers, user, cancellationToken);
        return user;
    }

    private void CheckNewPassword(StaffUserRecord user, string currentPassword, string newPassword)
    {
        const int min = StaffAccountRules.MinPasswordLength;
        string? problem = newPassword.Length < min || newPassword.Length > 200
            ? $"a password has {min} to 200 characters / mật khẩu có từ {min} đến 200 ký tự"
            : newPassword == currentPassword ? "the new password is the current one / mật khẩu mới trùng mật khẩu hiện tại"
            : newPassword.Contains(user.UserName, StringComparison.OrdinalIgnoreCase) ? "the password contains the user name / mật khẩu chứa tên đăng nhập"
            : rules.PublishedPasswords.Contains(newPassword) ? "that password is published in the README / mật khẩu này đã công khai"
            : null;
        if (problem is not null)
        {
            throw new RuntimeException(RuntimeErrorKind.Invalid, "weak-password", problem) { Field = "newPassword" };
        }
    }

    private static StaffUserRecord Nobody() => new() { UserName = "", DisplayName = "", PasswordHash = "", Role = "" };
}
