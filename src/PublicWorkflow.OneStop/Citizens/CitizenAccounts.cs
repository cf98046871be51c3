using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Accounts;
using PublicWorkflow.OneStop.Documents;
using PublicWorkflow.OneStop.Messages;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.OneStop.Staff;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.OneStop.Citizens;

/// <summary>A citizen signed in, with the session opened for it.</summary>
public sealed record CitizenSignIn(CitizenAccountRecord Account, string SessionId);

/// <summary>What the national identity provider vouched for at a sign-in.</summary>
public sealed record ExternalIdentity(string Issuer, string Subject, string PersonalId, string FullName, string? Email);

/// <summary>
/// Citizens' accounts, apart from staff's: sign-up with an e-mail address or phone and a password, verified by a code sent
/// there; sign-in with the lockout staff have; password reset by code; or sign-in through the national identity provider,
/// which binds the account to the personal ID number it vouches for. Answers never tell whether an address has an account.
/// </summary>
public sealed class CitizenAccounts(OneStopDbContext db, CitizenCodes codes, AccountMessages messages, StaffSessions sessions, StaffAccountRules rules,
    TimeProvider clock)
{
    public const int MinPasswordLength = 8;
    private static readonly PasswordHasher<CitizenAccountRecord> Hasher = new();
    private static readonly string UnknownHash = Hasher.HashPassword(Nobody(), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

    /// <summary>
    /// Signs up (or, for an unverified account of that contact, sends a fresh code). An address that already has a verified
    /// account gets a notice instead: the answer is the same either way.
    /// </summary>
    public async Task SignUpAsync(string? contactText, string? password, string? fullName, string? language, CancellationToken cancellationToken)
    {
        var contact = CitizenContact.Parse(contactText);
        var name = fullName?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            throw RuntimeException.Invalid("fullName", "the full name is required (at most 200 characters) / cần họ và tên");
        }
        CheckPassword(password, contact);
        var lang = language is "en" ? "en" : "vi";
        var existing = await FindAsync(contact, cancellationToken);
        if (existing is { ContactVerifiedAt: not null })
        {
            messages.AlreadyRegistered(existing, contact.Channel, contact.Address);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        var account = existing ?? new CitizenAccountRecord
        {
            Id = Guid.NewGuid(), Email = contact.Email, Phone = contact.Phone, FullName = name, Language = lang, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        // An unverified account belongs to whoever proves the contact: the latest sign-up's name and password stand.
        account.FullName = name;
        account.Language = lang;
        account.PasswordHash = Hasher.HashPassword(account, password!);
        if (existing is null)
        {
            db.CitizenAccounts.Add(account);
        }
        if (await codes.IssueAsync(account.Id, "verify", cancellationToken) is { } code)
        {
            messages.Code(account, contact.Channel, contact.Address, "verify", code);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Two sign-ups of one address at the same moment: the other one's code went out.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The code sent at sign-up proves the contact: the account may now sign in, and is signed in.</summary>
    public async Task<CitizenSignIn> VerifyAsync(string? contactText, string? code, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var contact = CitizenContact.Parse(contactText);
        var account = await FindAsync(contact, cancellationToken);
        if (account is null || !await codes.RedeemAsync(account.Id, "verify", code, cancellationToken))
        {
            throw WrongCode();
        }
        account.ContactVerifiedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return new CitizenSignIn(account, await sessions.OpenAsync(account.SessionName, lifetime, cancellationToken));
    }

    /// <summary>
    /// The account and a new session when contact and password match a verified, active, unlocked account; null otherwise,
    /// never saying which (an unknown contact costs the same hashing as a known one).
    /// </summary>
    public async Task<CitizenSignIn?> SignInAsync(string? contactText, string? password, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var contact = CitizenContact.Parse(contactText);
        var account = await FindAsync(contact, cancellationToken, tracked: false);
        var now = clock.GetUtcNow().UtcDateTime;
        var matches = Hasher.VerifyHashedPassword(account ?? Nobody(), account?.PasswordHash ?? UnknownHash, password ?? "") != PasswordVerificationResult.Failed;
        if (account is null || !account.Active || account.PasswordHash is null || SignInLockout.IsLocked(account, now))
        {
            return null;
        }
        if (!matches)
        {
            await SignInLockout.RecordFailureAsync(db.CitizenAccounts, account.Id, rules.LockoutFailures, rules.LockoutTime, now, cancellationToken);
            return null;
        }
        await SignInLockout.ClearAsync(db.CitizenAccounts, account, cancellationToken);
        if (account.ContactVerifiedAt is null)
        {
            // Only the holder of the password learns this.
            throw RuntimeException.Rejected("contact-not-verified", "enter the code sent to your e-mail or phone first / hãy nhập mã xác minh đã gửi");
        }
        return new CitizenSignIn(account, await sessions.OpenAsync(account.SessionName, lifetime, cancellationToken));
    }

    /// <summary>Sends a reset code when the contact has an account; the same answer when it has none.</summary>
    public async Task RequestResetAsync(string? contactText, CancellationToken cancellationToken)
    {
        var contact = CitizenContact.Parse(contactText);
        if (await FindAsync(contact, cancellationToken) is { Active: true } account && await codes.IssueAsync(account.Id, "reset", cancellationToken) is { } code)
        {
            messages.Code(account, contact.Channel, contact.Address, "reset", code);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>A new password for the reset code: every session of the account ends, the lock is lifted, and the contact counts as verified.</summary>
    public async Task ResetAsync(string? contactText, string? code, string? newPassword, CancellationToken cancellationToken)
    {
        var contact = CitizenContact.Parse(contactText);
        CheckPassword(newPassword, contact, "newPassword");
        var account = await FindAsync(contact, cancellationToken);
        if (account is null || !await codes.RedeemAsync(account.Id, "reset", code, cancellationToken))
        {
            throw WrongCode();
        }
        account.PasswordHash = Hasher.HashPassword(account, newPassword!);
        account.ContactVerifiedAt ??= clock.GetUtcNow().UtcDateTime;
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        await sessions.RevokeAllAsync(account.SessionName, cancellationToken);
    }

    /// <summary>
    /// A sign-in through the national identity provider. The account it signed in before, else the account bound to that
    /// personal ID, else the signed-in account <paramref name="linkTo"/> (which is then bound), else a new account.
    /// A personal ID already bound to another account is never moved.
    /// </summary>
    public async Task<CitizenSignIn> SignInExternalAsync(ExternalIdentity identity, Guid? linkTo, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (!CitizenDataStore.IsIdNumber(identity.PersonalId))
        {
            throw RuntimeException.Rejected("no-personal-id", "the identity provider gave no personal ID number / nhà cung cấp định danh không trả số định danh");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var bySubject = await db.CitizenAccounts.SingleOrDefaultAsync(a => a.ExternalIssuer == identity.Issuer && a.ExternalSubject == identity.Subject, cancellationToken);
        var byId = await db.CitizenAccounts.SingleOrDefaultAsync(a => a.PersonalId == identity.PersonalId, cancellationToken);
        var linking = linkTo is { } id ? await db.CitizenAccounts.SingleOrDefaultAsync(a => a.Id == id && a.Active, cancellationToken) : null;
        if (linking is not null && (byId ?? bySubject) is { } other && other.Id != linking.Id)
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "personal-id-bound-elsewhere",
                "this identity is already bound to another account / định danh này đã gắn với tài khoản khác");
        }
        var account = bySubject ?? byId ?? linking;
        if (account is null)
        {
            account = new CitizenAccountRecord { Id = Guid.NewGuid(), FullName = identity.FullName, Language = "vi", CreatedAt = now };
            db.CitizenAccounts.Add(account);
        }
        if (!account.Active)
        {
            throw RuntimeException.Rejected("account-inactive", "this account is closed / tài khoản đã bị khóa");
        }
        if (account.PersonalId is not null && account.PersonalId != identity.PersonalId)
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "personal-id-mismatch",
                "this account is bound to another personal ID / tài khoản đã gắn với số định danh khác");
        }
        account.ExternalIssuer = identity.Issuer;
        account.ExternalSubject = identity.Subject;
        account.PersonalId = identity.PersonalId;
        account.PersonalIdVerifiedAt ??= now;
        account.FullName = identity.FullName.Length is > 0 and <= 200 ? identity.FullName : account.FullName;
        await db.SaveChangesAsync(cancellationToken);
        return new CitizenSignIn(account, await sessions.OpenAsync(account.SessionName, lifetime, cancellationToken));
    }

    public async Task<CitizenAccountRecord> AccountAsync(Guid id, CancellationToken cancellationToken) =>
        await db.CitizenAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.Active, cancellationToken)
        ?? throw RuntimeException.NotFound("account", id);

    /// <summary>The portal language the citizen chose, also the language of their messages.</summary>
    public async Task SetLanguageAsync(Guid id, string? language, CancellationToken cancellationToken)
    {
        if (language is not ("vi" or "en"))
        {
            throw RuntimeException.Invalid("language", "vi or en");
        }
        await db.CitizenAccounts.Where(a => a.Id == id).ExecuteUpdateAsync(a => a.SetProperty(x => x.Language, language), cancellationToken);
    }

    private Task<CitizenAccountRecord?> FindAsync(CitizenContact contact, CancellationToken cancellationToken, bool tracked = true)
    {
        var accounts = tracked ? db.CitizenAccounts : db.CitizenAccounts.AsNoTracking();
        return contact.Email is { } email
            ? accounts.SingleOrDefaultAsync(a => a.Email == email, cancellationToken)
            : accounts.SingleOrDefaultAsync(a => a.Phone == contact.Phone, cancellationToken);
    }

    private void CheckPassword(string? password, CitizenContact contact, string field = "password")
    {
        string? problem = password is null || password.Length < MinPasswordLength || password.Length > 200
            ? $"a password has {MinPasswordLength} to 200 characters / mật khẩu có từ {MinPasswordLength} đến 200 ký tự"
            : password.Contains(contact.Address, StringComparison.OrdinalIgnoreCase) || contact.Address.Contains(password, StringComparison.OrdinalIgnoreCase)
                ? "the password must not be your e-mail or phone / mật khẩu không được trùng thư điện tử, số điện thoại"
                : rules.PublishedPasswords.Contains(password) ? "that password is published in the README / mật khẩu này đã công khai"
                : null;
        if (problem is not null)
        {
            throw RuntimeException.Invalid(field, problem);
        }
    }

    private static RuntimeException WrongCode() =>
        RuntimeException.Invalid("code", "the code is wrong, used or expired: ask for a new one / mã không đúng hoặc đã hết hạn");

    private static CitizenAccountRecord Nobody() => new() { FullName = "", Language = "vi" };
}
