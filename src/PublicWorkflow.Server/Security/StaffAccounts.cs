using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;
using PublicWorkflow.Server.Hosting;

namespace PublicWorkflow.Server.Security;

/// <summary>
/// Staff accounts in our database, passwords hashed by ASP.NET Core Identity's hasher (PBKDF2, salted). Repeated wrong
/// passwords lock the account for a while; an unknown name costs the same hashing as a known one, so timing does not
/// tell which names exist; every sign-in opens a session that sign-out and password changes revoke.
/// </summary>
public sealed class StaffAccounts(OneStopDbContext db, StaffSessions sessions, TimeProvider clock, IOptions<ServerOptions> options)
{
    private static readonly PasswordHasher<StaffUserRecord> Hasher = new();

    /// <summary>Verified instead of a real hash when the name is unknown, so both take the same time.</summary>
    private static readonly string UnknownUserHash = Hasher.HashPassword(new StaffUserRecord
    {
        UserName = "", DisplayName = "", PasswordHash = "", Role = "",
    }, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

    public const int MinPasswordLength = 12;

    /// <summary>
    /// The user's claims (with a new session) when the name and password match an active account that is not locked;
    /// null otherwise, never saying which. A wrong password counts towards the lockout.
    /// </summary>
    public async Task<ClaimsPrincipal?> SignInAsync(string userName, string password, string scheme, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var user = await VerifyAsync(userName, password, cancellationToken);
        if (user is null)
        {
            return null;
        }
        var session = await sessions.OpenAsync(user.UserName, lifetime, cancellationToken);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, user.Role),
            new(ClaimTypes.GivenName, user.DisplayName),
            new(StaffMember.JobRolesClaim, user.JobRoles),
            new(StaffSessions.Claim, session),
        };
        AddIf(claims, StaffMember.AgencyClaim, user.AgencyCode);
        AddIf(claims, StaffMember.LevelClaim, user.Level);
        AddIf(claims, StaffMember.BranchClaim, user.BranchCode);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
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

    public async Task CreateAsync(string userName, string displayName, string password, string role, string? agency, string? level, string? branch,
        string jobRoles, CancellationToken cancellationToken)
    {
        var user = new StaffUserRecord
        {
            Id = Guid.NewGuid(), UserName = userName, DisplayName = displayName, PasswordHash = "", Role = role, AgencyCode = agency, Level = level,
            BranchCode = branch, JobRoles = jobRoles, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        user.PasswordHash = Hasher.HashPassword(user, password);
        db.StaffUsers.Add(user);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>True when the account still has this password (used to retire demo passwords outside the demo).</summary>
    public static bool HasPassword(StaffUserRecord user, string password) =>
        Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>The account when the password is right and the account active and not locked; records a failure otherwise.</summary>
    private async Task<StaffUserRecord?> VerifyAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var user = await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName && u.Active, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var matches = Hasher.VerifyHashedPassword(user ?? new StaffUserRecord { UserName = "", DisplayName = "", PasswordHash = "", Role = "" },
            user?.PasswordHash ?? UnknownUserHash, password) != PasswordVerificationResult.Failed;
        if (user is null)
        {
            return null;
        }
        if (user.LockedUntil > now)
        {
            // Locked: even the right password waits, and does not extend the lock.
            return null;
        }
        if (!matches)
        {
            await RecordFailureAsync(user.Id, now, cancellationToken);
            return null;
        }
        if (user.FailedSignIns > 0 || user.LockedUntil is not null)
        {
            await db.StaffUsers.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.FailedSignIns, 0).SetProperty(x => x.LockedUntil, (DateTime?)null), cancellationToken);
        }
        return user;
    }

    /// <summary>One atomic update: concurrent wrong guesses all count, and the one that reaches the limit locks the account.</summary>
    private Task RecordFailureAsync(Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        var limit = Math.Max(1, options.Value.SignInLockoutFailures);
        DateTime? until = now.AddMinutes(options.Value.SignInLockoutMinutes);
        return db.StaffUsers.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.LockedUntil, x => x.FailedSignIns + 1 >= limit ? until : x.LockedUntil)
            .SetProperty(x => x.FailedSignIns, x => x.FailedSignIns + 1 >= limit ? 0 : x.FailedSignIns + 1), cancellationToken);
    }

    private static void CheckNewPassword(StaffUserRecord user, string currentPassword, string newPassword)
    {
        string? problem = newPassword.Length < MinPasswordLength || newPassword.Length > 200
            ? $"a password has {MinPasswordLength} to 200 characters / mật khẩu có từ {MinPasswordLength} đến 200 ký tự"
            : newPassword == currentPassword ? "the new password is the current one / mật khẩu mới trùng mật khẩu hiện tại"
            : newPassword.Contains(user.UserName, StringComparison.OrdinalIgnoreCase) ? "the password contains the user name / mật khẩu chứa tên đăng nhập"
            : DemoUsers.Accounts.Any(a => a.Password == newPassword) ? "that password is published in the README / mật khẩu này đã công khai"
            : null;
        if (problem is not null)
        {
            throw new RuntimeException(RuntimeErrorKind.Invalid, "weak-password", problem) { Field = "newPassword" };
        }
    }

    private static void AddIf(List<Claim> claims, string type, string? value)
    {
        if (value is not null)
        {
            claims.Add(new Claim(type, value));
        }
    }
}
