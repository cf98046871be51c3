using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.Runtime.Persistence;
using PublicWorkflow.Runtime.Persistence.Entities;

namespace PublicWorkflow.Server.Security;

/// <summary>Staff accounts in our database, passwords hashed by ASP.NET Core Identity's hasher (PBKDF2, salted).</summary>
public sealed class StaffAccounts(WorkflowDbContext db, TimeProvider clock)
{
    private static readonly PasswordHasher<StaffUserRecord> Hasher = new();

    /// <summary>The user's claims when the name and password match an active account; null otherwise (never which one failed).</summary>
    public async Task<ClaimsPrincipal?> SignInAsync(string userName, string password, string scheme, CancellationToken cancellationToken)
    {
        var user = await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName && u.Active, cancellationToken);
        if (user is null || Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return null;
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, user.Role),
            new(ClaimTypes.GivenName, user.DisplayName),
            new(StaffMember.JobRolesClaim, user.JobRoles),
        };
        AddIf(claims, StaffMember.AgencyClaim, user.AgencyCode);
        AddIf(claims, StaffMember.LevelClaim, user.Level);
        AddIf(claims, StaffMember.BranchClaim, user.BranchCode);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
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

    private static void AddIf(List<Claim> claims, string type, string? value)
    {
        if (value is not null)
        {
            claims.Add(new Claim(type, value));
        }
    }
}
